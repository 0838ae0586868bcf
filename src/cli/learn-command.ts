// `leadscore model learn`: suggest the active model's rule points from the outcomes, as a table and a draft YAML.
import { writeFile } from 'node:fs/promises'
import { learnReport, type LearnReport } from '../reports/index.js'
import { nowOf, type CliIo } from './context.js'
import { renderTable } from './output.js'
import { formatRate, runReport, withSnakeJson } from './report-output.js'
import { openWorkspace } from './workspace.js'

export interface LearnCommandOptions {
  db: string
  /** Where to write the suggested model YAML. Default: nowhere. */
  out?: string | undefined
  /** Store the suggested model as a draft version. Default: false. */
  createDraft?: boolean | undefined
  /** L2 penalty of the regression. Default: 1. */
  l2?: number | undefined
  /** Fewest leads with and without a rule to learn its points. Default: 10. */
  minSupport?: number | undefined
}

/**
 * Learns points from the leads with an outcome; writes the draft YAML to `out` and stores it as a draft
 * version when asked. Too few outcomes exit 1 with what is missing.
 *
 * @example await learnCommand({ db: './data/leadscore.db', out: 'learned.yaml' }, io)
 */
export async function learnCommand(options: LearnCommandOptions, io: CliIo): Promise<LearnReport> {
  const now = nowOf(io)
  const workspace = await openWorkspace({ db: options.db, now })
  try {
    const report = await runReport(
      () => learnReport(workspace.store, workspace.model, now, options),
      'import more outcomes (`leadscore import outcomes FILE`); learned points need 40 converted and 40 not converted leads',
    )
    if (options.out !== undefined) await writeFile(options.out, report.yaml)
    return withSnakeJson(report)
  } finally {
    await workspace.close()
  }
}

/** The table rule → current points → suggested points → coefficient and support. */
export function renderLearn(report: LearnReport, out?: string): string {
  const table = renderTable(
    ['rule', 'kind', 'points now', 'suggested', 'log-odds', 'fired (converted)', 'not fired (converted)', 'note'],
    report.rules.map((rule) => [
      rule.ruleId,
      rule.kind,
      rule.currentPoints,
      rule.suggestedPoints,
      rule.coefficient,
      `${rule.firedLeads} (${formatRate(rule.firedLeads === 0 ? null : rule.firedConverted / rule.firedLeads)})`,
      `${rule.notFiredLeads} (${formatRate(rule.notFiredLeads === 0 ? null : rule.notFiredConverted / rule.notFiredLeads)})`,
      rule.note === 'learned' ? '' : rule.note.replaceAll('_', ' '),
    ]),
  )
  const scale = `1 log-odds = ${Math.round(report.pointsPerLogOdds * 100) / 100} points`
  const where = [
    out === undefined ? null : `draft YAML written to ${out}`,
    report.draftVersion === null ? null : `stored as draft model version ${report.draftVersion}`,
  ].filter((item) => item !== null)
  return (
    `${table}learned from ${report.leads} leads with an outcome (${report.converted} converted) on model version ` +
    `${report.modelVersion}; ${scale}; ${report.changed} rules would change\n` +
    (where.length > 0 ? `${where.join('; ')}\n` : 'add --out FILE or --create-draft to keep the suggested model\n')
  )
}
