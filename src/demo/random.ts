// A small seeded PRNG (mulberry32) with the draws the demo generator needs; same seed, same sequence.

/** Draws from one seeded stream. Never reads Math.random, so output is reproducible. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  /** One element, uniformly. The array must not be empty. */
  pick<T>(items: readonly T[]): T
  /** One value, with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T
  /** A number between min and max whose logarithm is uniform (company sizes, revenues). */
  logUniform(min: number, max: number): number
  /** An exponentially distributed number with the given mean (gaps between events). */
  exponential(mean: number): number
}

/** Creates the stream for `seed` (any integer; fractions are truncated). */
export function createRandom(seed: number): Random {
  let state = Math.trunc(seed) >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick,
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      let total = 0
      for (const [, weight] of entries) total += weight
      let target = next() * total
      for (const [value, weight] of entries) {
        target -= weight
        if (target < 0) return value
      }
      return (entries[entries.length - 1] as readonly [T, number])[0]
    },
    logUniform: (min, max) => Math.exp(Math.log(min) + next() * (Math.log(max) - Math.log(min))),
    exponential: (mean) => -Math.log(1 - next()) * mean,
  }
}
