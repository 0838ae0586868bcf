// When a new score is worth a history entry, shared by every store so they write the same history.
import type { ScoreResult } from '../core/index.js'

/**
 * The parts of a stored score that decide whether a change is recorded (`cell` does not: it moves with the score
 * and is kept so that a store knows when its indexed columns moved).
 */
export type ScoreSummary = Pick<ScoreResult, 'score' | 'status' | 'segment' | 'stage' | 'spam' | 'cell'>

/** True when there was no score before, or the score, status, segment, stage or spam flag moved. */
export function isScoreChanged(previous: ScoreSummary | null, next: ScoreSummary): boolean {
  return (
    previous === null ||
    previous.score !== next.score ||
    previous.status !== next.status ||
    previous.segment !== next.segment ||
    previous.stage !== next.stage ||
    previous.spam !== next.spam
  )
}
