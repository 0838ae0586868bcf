// Per-lead top factors: the features that pushed one row's log-odds up or down the most.
import type { BinaryClassifier } from './model.js'

/** One feature's share of a row's log-odds. */
export interface Factor {
  feature: string
  /** Log-odds added by this feature (negative lowers the chance of conversion). */
  contribution: number
}

/**
 * The `limit` features with the largest absolute contribution for the row, largest first. LR:
 * weight × standardised value; GBDT: the change in node value along each tree's path (Saabas).
 */
export function topFactors(model: BinaryClassifier, row: ArrayLike<number>, limit = 5): Factor[] {
  const { values } = model.contributions(row)
  return Array.from(values, (contribution, j) => ({ feature: model.names[j]!, contribution }))
    .filter((factor) => factor.contribution !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1),
    )
    .slice(0, limit)
}
