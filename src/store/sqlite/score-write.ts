// What rescoring one lead writes, computed apart from writing it: by the writer itself, or by the fold worker, which
// loads this module without the store's statements or the predictive code.
import type { Lead, LeadState, ScoreResult } from '../../core/index.js'
import { isScoreChanged, type ScoreSummary } from '../score-change.js'
import type { ActiveModel, ScoreCause } from '../store.js'
import { scoreChangeToHistoryRowValues, scoreToScoreRowValues, type ScoreHistoryRowValues, type ScoreRowValues } from './rows.js'

/** The rows rescoring one lead writes, computed apart from writing them (the fold worker computes, the writer writes). */
export interface ScoreWrite {
  values: ScoreRowValues
  /** The row keeps its status, cell and segment: `updateScoreValues` suffices (see `applyScoreWrite`). */
  keysKept: boolean
  /** The history entry, when the score moved. */
  history: ScoreHistoryRowValues | null
}

/** What `rescoreLead` writes for `result`, the lead's new score from `state`, after `previous`. */
export function scoreWrite(
  request: { lead: Lead; model: Pick<ActiveModel, 'version' | 'checksum'>; now: number; cause: ScoreCause; eventId: string | null },
  state: LeadState,
  previous: ScoreSummary | null,
  result: ScoreResult,
): ScoreWrite {
  const { lead, model } = request
  const values = scoreToScoreRowValues(lead.id, result, JSON.stringify(state), model)
  const keysKept =
    previous !== null && previous.status === result.status && previous.cell === result.cell && previous.segment === result.segment
  const history = isScoreChanged(previous, result)
    ? scoreChangeToHistoryRowValues({
        leadId: lead.id,
        at: request.now,
        cause: request.cause,
        eventId: request.eventId,
        modelVersion: model.version,
        score: result.score,
        previousScore: previous?.score ?? null,
        fit: result.fit,
        engagement: result.engagement,
        status: result.status,
        segment: result.segment,
      })
    : null
  return { values, keysKept, history }
}

