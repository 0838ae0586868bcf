// How scores spread over 0–100: bucket counts and summary statistics.
import type { ScoredLead } from './scored-lead.js'

/** Options for {@link scoreDistribution}. */
export interface ScoreDistributionOptions {
  /** Width of each bucket in points; must be in (0, 100]. Default: 10. */
  bucketWidth?: number
}

/** Leads whose score is in `[from, to)`; the last bucket also holds `to` (100). */
export interface ScoreBucket {
  from: number
  to: number
  count: number
}

export interface ScoreDistribution {
  buckets: ScoreBucket[]
  /** Number of leads. */
  total: number
  /** Null when there are no leads. */
  mean: number | null
  median: number | null
  /** 90th percentile, linear interpolation between order statistics (R type 7, numpy default). */
  p90: number | null
}

const MAX_SCORE = 100

/**
 * Buckets of score counts plus mean, median and p90. Scores outside 0–100 go to the first or last
 * bucket.
 *
 * @example scoreDistribution(leads).buckets[9] // { from: 90, to: 100, count: ... }
 */
export function scoreDistribution(
  leads: readonly ScoredLead[],
  { bucketWidth = 10 }: ScoreDistributionOptions = {},
): ScoreDistribution {
  if (!(bucketWidth > 0 && bucketWidth <= MAX_SCORE)) {
    throw new RangeError(`bucketWidth must be > 0 and <= 100 (got ${bucketWidth}).`)
  }
  const bucketCount = Math.ceil(MAX_SCORE / bucketWidth)
  const buckets: ScoreBucket[] = Array.from({ length: bucketCount }, (_, index) => ({
    from: index * bucketWidth,
    to: Math.min(MAX_SCORE, (index + 1) * bucketWidth),
    count: 0,
  }))
  const scores = leads.map((lead) => lead.score.score).sort((a, b) => a - b)
  for (const score of scores) {
    const index = Math.min(bucketCount - 1, Math.max(0, Math.floor(score / bucketWidth)))
    buckets[index]!.count += 1
  }
  const total = scores.length
  return {
    buckets,
    total,
    mean: total === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / total,
    median: quantile(scores, 0.5),
    p90: quantile(scores, 0.9),
  }
}

/** Quantile `q` of ascending `sorted` by linear interpolation (R type 7); null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null
  const position = (sorted.length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const lowValue = sorted[lower]!
  return lowValue + (sorted[upper]! - lowValue) * (position - lower)
}
