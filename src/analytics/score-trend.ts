// Score velocity and trend: is a lead's score improving, steady or declining over a recent window?
import type { EpochMs } from '../core/index.js'

const DAY_MS = 86_400_000

export type ScoreTrendDirection = 'improving' | 'steady' | 'declining'

/** A score at a point in time. */
export interface ScorePoint {
  at: EpochMs
  score: number
}

/** Options for {@link scoreTrend}. */
export interface ScoreTrendOptions {
  /** Length of the window in days, ending at the latest point. Default: 14. */
  windowDays?: number
  /** Change over the window, in points, at or beyond which the trend is not steady. Default: 5. */
  threshold?: number
}

export interface ScoreTrend {
  trend: ScoreTrendDirection
  /** Least-squares slope of score over time, in points per day; 0 below two distinct times. */
  slopePerDay: number
  /** `slopePerDay × windowDays`: the change the slope implies over the whole window, in points. */
  change: number
  /** Points inside the window that the fit used. */
  pointsUsed: number
}

/**
 * Fits a least-squares line to the points within `windowDays` of the latest one and classifies the
 * change it implies over the window: `>= threshold` improving, `<= -threshold` declining, otherwise
 * steady. The window ends at the latest point, not at the clock.
 *
 * @example scoreTrend([{ at: 0, score: 10 }, { at: 7 * 86_400_000, score: 20 }]).trend // improving
 */
export function scoreTrend(
  points: readonly ScorePoint[],
  { windowDays = 14, threshold = 5 }: ScoreTrendOptions = {},
): ScoreTrend {
  if (!(windowDays > 0)) throw new RangeError(`windowDays must be > 0 (got ${windowDays}).`)
  const latest = points.reduce((max, point) => Math.max(max, point.at), -Infinity)
  const inWindow = points.filter((point) => point.at >= latest - windowDays * DAY_MS)
  const slopePerDay = leastSquaresSlope(
    inWindow.map((point) => (point.at - latest) / DAY_MS),
    inWindow.map((point) => point.score),
  )
  const change = slopePerDay * windowDays
  const trend = change >= threshold ? 'improving' : change <= -threshold ? 'declining' : 'steady'
  return { trend, slopePerDay, change, pointsUsed: inWindow.length }
}

function leastSquaresSlope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length
  if (n < 2) return 0
  const meanX = xs.reduce((sum, x) => sum + x, 0) / n
  const meanY = ys.reduce((sum, y) => sum + y, 0) / n
  let covariance = 0
  let varianceX = 0
  xs.forEach((x, index) => {
    covariance += (x - meanX) * (ys[index]! - meanY)
    varianceX += (x - meanX) ** 2
  })
  return varianceX === 0 ? 0 : covariance / varianceX
}
