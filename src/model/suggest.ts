// "Did you mean …?" hints: the closest known name by edit distance.

/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
    }
    previous = current
  }
  return previous[b.length]!
}

/**
 * The candidate closest to `name` within `maxDistance` edits (case-insensitive); failing that, one
 * that `name` begins (`half_life` → `half_life_days`). Undefined when nothing is close.
 */
export function closestName(
  name: string,
  candidates: Iterable<string>,
  maxDistance = 2,
): string | undefined {
  if (name === '') return undefined
  let best: string | undefined
  let bestDistance = maxDistance + 1
  const lower = name.toLowerCase()
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  if (best !== undefined || lower.length < 4) return best
  for (const candidate of candidates) if (candidate.toLowerCase().startsWith(lower)) return candidate
  return undefined
}

/** " Did you mean 'x'?" when a close candidate exists, else "". */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = closestName(name, candidates)
  return match === undefined ? '' : ` Did you mean '${match}'?`
}
