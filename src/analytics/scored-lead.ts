// The row every analytics function reads: a lead's current score and, when known, its outcome.
import type { Outcome, ScoreResult } from '../core/index.js'

/** One lead as analytics sees it. */
export interface ScoredLead {
  leadId: string
  /** The lead's current score. */
  score: ScoreResult
  /** Whether the lead bought; null while unknown. Only leads with an outcome count in rates. */
  outcome: Outcome | null
}
