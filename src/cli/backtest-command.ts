// `leadscore model backtest DRAFT --at DATE`: how a draft model would have done on history, against the active one.
import { backtestReport, parseBacktestDate, storedModel, type BacktestModel, type BacktestReport } from '../reports/index.js'
import { CliError } from './cli-error.js'
import { nowOf, type CliIo } from './context.js'
import { loadModel } from './model-source.js'
import { formatTime, renderTable } from './output.js'
import { formatRate, runReport, withSnakeJson } from './report-output.js'
import { openWorkspace } from './workspace.js'

export interface BacktestCommandOptions {
  /** A stored model version number, or a model YAML file or template name. */
  draft: string
  /** The past date: ISO-8601 (`2025-01-31`, `2025-01-31T12:00:00Z`). */
  at: string
  /** The version to compare with. Default: the active version. */
  against?: number | undefined
  db: string
}

/**
 * Loads the draft (a stored version or a file) and the model to compare with, and backtests them as of `at`.
 * Warnings of a draft file go to stderr.
 *
 * @example await backtestCommand({ draft: 'draft.yaml', at: '2025-01-01', db: './data/leadscore.db' }, io)
 */
export async function backtestCommand(options: BacktestCommandOptions, io: CliIo): Promise<BacktestReport> {
  const at = parseDate(options.at)
  const now = nowOf(io)
  const draftFile = /^\d+$/.test(options.draft) ? null : await loadModel(options.draft)
  for (const warning of draftFile?.warnings ?? []) io.stderr.write(`${warning}\n`)
  const workspace = await openWorkspace({ db: options.db, now })
  try {
    return withSnakeJson(
      await runReport(async () => {
        const draft: BacktestModel =
          draftFile === null ? await storedModel(workspace.store, Number(options.draft)) : { label: draftFile.source, model: draftFile.model }
        const against: BacktestModel =
          options.against === undefined
            ? { label: `version ${workspace.model.version} (active)`, model: workspace.model.model }
            : await storedModel(workspace.store, options.against)
        return backtestReport(workspace.store, draft, against, at, now)
      }),
    )
  } finally {
    await workspace.close()
  }
}

function parseDate(text: string): number {
  const at = parseBacktestDate(text)
  if (at === null) {
    throw new CliError(`--at '${text}' is not a date`, { hint: 'use ISO-8601, e.g. --at 2025-01-31 or --at 2025-01-31T12:00:00Z', exitCode: 2 })
  }
  return at
}

/** The comparison as a table: one column per model. */
export function renderBacktest(report: BacktestReport): string {
  const { draft, active } = report
  const rows: [string, string | number | null, string | number | null][] = [
    ['ROC AUC', draft.auc, active.auc],
    ['mean score', draft.meanScore, active.meanScore],
    ['MQLs (mql or sql)', draft.mqls, active.mqls],
    ['precision at MQL', formatRate(draft.precision), formatRate(active.precision)],
    ['recall at MQL', formatRate(draft.recall), formatRate(active.recall)],
    ['qualified, converted', draft.confusion.truePositives, active.confusion.truePositives],
    ['qualified, not converted', draft.confusion.falsePositives, active.confusion.falsePositives],
    ['not qualified, converted', draft.confusion.falseNegatives, active.confusion.falseNegatives],
    ['not qualified, not converted', draft.confusion.trueNegatives, active.confusion.trueNegatives],
  ]
  const table = renderTable(['as of ' + formatTime(report.at), report.draftModel, report.againstModel], rows)
  const moves = report.segmentChanges.transitions
    .slice(0, 5)
    .map((move) => `  ${move.from ?? '(none)'} → ${move.to ?? '(none)'}: ${move.leads}`)
  const excluded = report.excluded
  return [
    table.trimEnd(),
    `${report.leads} leads scored (${report.withOutcome} with a later outcome, ${report.converted} converted); ` +
      `left out: ${excluded.createdAfter} created after the date, ${excluded.resolvedBefore} resolved before it`,
    `${report.segmentChanges.leads} leads change segment, ${report.statusChanges.leads} change status` +
      (moves.length > 0 ? ':' : ''),
    ...moves,
    '',
  ].join('\n')
}

