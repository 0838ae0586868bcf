// Confidence intervals for conversion rates and for the difference of two rates.

/** Two-sided 95 % normal quantile. */
const Z_95 = 1.959963984540054

/** A closed interval `[low, high]` of proportions, both in [0, 1] (or [-1, 1] for a difference). */
export type Interval = readonly [low: number, high: number]

/**
 * Wilson score interval for `successes / trials` at 95 %. Unlike the normal approximation it stays
 * inside [0, 1] and behaves at 0/n and n/n. Returns null when there are no trials.
 *
 * @example wilsonInterval(8, 10) // ≈ [0.490, 0.943]
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  z: number = Z_95,
): Interval | null {
  if (trials <= 0) return null
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const centre = (p + z2 / (2 * trials)) / denominator
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/**
 * 95 % interval for `p1 - p2` by Newcombe's hybrid score method (method 10 in Newcombe 1998),
 * built from the two Wilson intervals. Returns null when either group has no trials.
 *
 * @example newcombeDifferenceInterval(56, 70, 48, 80) // ≈ [0.0524, 0.3339]
 */
export function newcombeDifferenceInterval(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
): Interval | null {
  const interval1 = wilsonInterval(successes1, trials1)
  const interval2 = wilsonInterval(successes2, trials2)
  if (interval1 === null || interval2 === null) return null
  const p1 = successes1 / trials1
  const p2 = successes2 / trials2
  const [low1, high1] = interval1
  const [low2, high2] = interval2
  const difference = p1 - p2
  return [
    difference - Math.sqrt((p1 - low1) ** 2 + (high2 - p2) ** 2),
    difference + Math.sqrt((high1 - p1) ** 2 + (p2 - low2) ** 2),
  ]
}

/** `successes / trials`, or null when there are no trials. */
export function rateOf(successes: number, trials: number): number | null {
  return trials > 0 ? successes / trials : null
}
