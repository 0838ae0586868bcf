// `leadscore explain LEAD`: why a lead has its score now (decay applied on read), point by point, and its history.
import { scoreLead, type Contribution, type ScoreResult } from '../core/index.js'
import { predictLead, type LeadPrediction } from '../predict/index.js'
import type { ScoreChange } from '../store/index.js'
import { CliError } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { formatPoints, formatReasons, formatTime, renderTable } from './output.js'
import { openWorkspace } from './workspace.js'

/** How many score changes `explain` shows. */
export const HISTORY_LIMIT = 10

export interface Explanation {
  lead: { id: string; email: string | null; name: string | null; company: string | null }
  modelVersion: number
  score: ScoreResult
  /** The published predictive model's view of the lead (probability, 0–100 score, top factors); null without one. */
  predictive: (LeadPrediction & { modelId: number }) | null
  /** The top reasons, as in `score` output. */
  reasons: string
  /** The most recent score changes first. */
  history: ScoreChange[]
}

/** Recomputes a lead's score at now from its events with the active model and explains it. */
export async function explainCommand(options: { lead: string; db: string }, io: CliIo): Promise<Explanation> {
  const now = nowOf(io)
  const { store, model, close } = await openWorkspace({ db: options.db, now })
  try {
    const lead = await store.getLead(options.lead)
    if (lead === null) {
      throw new CliError(`no lead with id or email '${options.lead}'`, {
        hint: 'import leads with `leadscore import leads FILE`, or check the id',
      })
    }
    const events = await store.listEvents(lead.id)
    const prediction = model.predictive === undefined ? null : predictLead(model.predictive.artifact, lead, events, now)
    const score = scoreLead(lead, events, model.model, now, { predictive: prediction?.probability ?? null })
    const name = [lead.firstName, lead.lastName].filter((part) => part !== undefined).join(' ')
    return {
      lead: { id: lead.id, email: lead.email ?? null, name: name === '' ? null : name, company: lead.companyName ?? null },
      modelVersion: model.version,
      score,
      predictive: prediction === null ? null : { ...prediction, modelId: model.predictive!.id },
      reasons: formatReasons(score.contributions),
      history: await store.scoreHistory(lead.id, HISTORY_LIMIT),
    }
  } finally {
    await close()
  }
}

export function renderExplanation(explanation: Explanation): string {
  const { lead, score } = explanation
  const who = [lead.name, lead.email, lead.company].filter((part) => part !== null).join(', ')
  const lines = [
    `${lead.id}${who === '' ? '' : ` (${who})`}`,
    `score ${score.score}  fit ${score.fit}  engagement ${score.engagement}  cell ${score.cell}  stage ${score.stage}`,
    `status ${score.status}  segment ${score.segment ?? '-'}  spam ${score.spam ? `yes (${score.spamReasons.join('; ')})` : 'no'}`,
    `model version ${explanation.modelVersion}, at ${formatTime(score.at)}`,
    `reasons: ${explanation.reasons === '' ? '-' : explanation.reasons}`,
    ...renderPrediction(explanation.predictive),
    '',
    renderBreakdown(score.contributions),
    'last score changes',
    explanation.history.length === 0
      ? '(none)\n'
      : renderTable(
          ['at', 'cause', 'score', 'change', 'status', 'segment', 'model'],
          explanation.history.map((change) => [
            formatTime(change.at),
            change.cause,
            change.score,
            change.previousScore === null ? 'new' : formatPoints(change.score - change.previousScore),
            change.status,
            change.segment ?? '',
            change.modelVersion,
          ]),
        ),
  ]
  return lines.join('\n')
}

/** The breakdown table with a total row; the points add up exactly to the score. */
export function renderBreakdown(contributions: readonly Contribution[]): string {
  const total = contributions.reduce((sum, contribution) => sum + Math.round(contribution.points * 100), 0) / 100
  return renderTable(
    ['rule', 'label', 'points', 'original', 'count'],
    [
      ...contributions.map((contribution) => [
        contribution.ruleId,
        contribution.label,
        contribution.points,
        contribution.originalPoints,
        contribution.count,
      ]),
      ['total', '', total, null, null],
    ],
  )
}

/** The predictive lines: probability and score, then the factors that raised and lowered it. */
function renderPrediction(prediction: Explanation['predictive']): string[] {
  if (prediction === null) return []
  const factors = (side: LeadPrediction['factors']['positive']): string =>
    side.length === 0 ? '-' : side.map((factor) => `${factor.feature} ${formatPoints(Math.round(factor.contribution * 100) / 100)}`).join(', ')
  return [
    `predictive model ${prediction.modelId}: probability ${prediction.probability.toFixed(3)}, score ${prediction.score}`,
    `  raised by (log-odds): ${factors(prediction.factors.positive)}`,
    `  lowered by (log-odds): ${factors(prediction.factors.negative)}`,
  ]
}
