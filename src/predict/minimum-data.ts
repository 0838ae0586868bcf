// The minimum-data check: refuse to train on too few converted or unconverted leads.

export interface MinimumDataOptions {
  /** Fewest converted leads (label 1). Default: 40. */
  minPositives?: number
  /** Fewest not-converted leads (label 0). Default: 40. */
  minNegatives?: number
}

/**
 * Null when there are enough labelled leads of each kind, otherwise a message saying what is
 * needed.
 *
 * @example
 * checkMinimumData(labels) // "needs 40 converted and 40 not converted leads; have 12 / 300"
 */
export function checkMinimumData(
  labels: ArrayLike<number>,
  options: MinimumDataOptions = {},
): string | null {
  const minPositives = options.minPositives ?? 40
  const minNegatives = options.minNegatives ?? 40
  let positives = 0
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++
  const negatives = labels.length - positives
  if (positives >= minPositives && negatives >= minNegatives) return null
  const needs = `needs ${minPositives} converted and ${minNegatives} not converted leads`
  return `${needs}; have ${positives} / ${negatives}`
}
