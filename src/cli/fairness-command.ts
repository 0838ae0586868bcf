// `leadscore fairness --attribute NAME`: score distribution, MQL rate and conversion per group of an attribute.
import { attributeFairnessReport, type AttributeFairnessReport } from '../reports/index.js'
import { renderTable } from './output.js'
import { formatInterval, formatRate, runReport, withSnakeJson } from './report-output.js'
import { openDatabase } from './workspace.js'

export interface FairnessCommandOptions {
  /** Lead field or custom attribute: `country`, `attributes.gender`. */
  attribute: string
  db: string
  /** Fewest leads a group needs to be compared. Default: 20. */
  minGroupSize?: number | undefined
  /** Most groups listed; smaller ones are pooled. Default: 20. */
  maxGroups?: number | undefined
}

/**
 * The fairness report of the stored leads grouped by one attribute.
 *
 * @example await fairnessCommand({ attribute: 'attributes.gender', db: './data/leadscore.db' })
 */
export async function fairnessCommand(options: FairnessCommandOptions): Promise<AttributeFairnessReport> {
  const store = await openDatabase(options.db)
  try {
    const report = await runReport(() =>
      attributeFairnessReport(store, options.attribute, { minGroupSize: options.minGroupSize, maxGroups: options.maxGroups }),
    )
    return withSnakeJson(report)
  } finally {
    await store.close()
  }
}

/** One row per group, flagged groups marked, and the reading of the four-fifths rule. */
export function renderFairness(report: AttributeFairnessReport): string {
  const table = renderTable(
    [report.attribute, 'leads', 'score mean', 'q1', 'median', 'q3', 'MQL rate (95%)', 'conversion (95%)', 'ratio to top', 'flag'],
    report.groups.map((group) => [
      group.group ?? '(missing)',
      group.leads,
      group.scoreMean,
      group.scoreQ1,
      group.scoreMedian,
      group.scoreQ3,
      `${formatRate(group.qualifiedRate)} (${formatInterval(group.qualifiedCi)})`,
      group.conversionRate === null ? '' : `${formatRate(group.conversionRate)} (${formatInterval(group.conversionCi)})`,
      group.ratioToHighest,
      group.belowFourFifths ? '< 4/5' : '',
    ]),
  )
  const verdict =
    report.reference === null
      ? 'no group is large enough (or qualified at all) to compare'
      : report.flagged.length === 0
        ? `no group is qualified at under four fifths of the rate of '${report.reference}'`
        : `qualified at under four fifths of the rate of '${report.reference}': ${report.flagged.map((group) => `'${group ?? '(missing)'}'`).join(', ')}`
  return `${table}${report.leads} leads; ${verdict}\n`
}
