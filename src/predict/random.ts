// Seeded pseudo-random numbers, so every fit and every split is reproducible from its seed.

/** A function returning uniform numbers in [0, 1). */
export type Random = () => number

/**
 * mulberry32: a tiny 32-bit generator, good enough for shuffles and splits (not for cryptography).
 *
 * @example
 * const random = createRandom(42)
 * random() // always the same first number for seed 42
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates shuffle in place; returns the same array. */
export function shuffleInPlace<T extends { length: number; [index: number]: number }>(
  values: T,
  random: Random,
): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const swap = values[i]!
    values[i] = values[j]!
    values[j] = swap
  }
  return values
}
