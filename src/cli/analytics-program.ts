// Registers `analytics`, `fairness`, `model backtest` and `model learn`; each command is imported only when run.
import { Argument, type Command, InvalidArgumentError, Option } from 'commander'
import { CONVERSION_KEYS, type ConversionKey } from '../analytics/index.js'
import type { CliIo } from './context.js'
import type { Respond } from './main.js'
import { resolveDb } from './workspace.js'

interface Flags {
  json?: boolean
  db?: string
}

const withDbAndJson = (command: Command): Command =>
  command
    .option('--db <file>', 'database file (default: $LEADSCORE_DB or ./data/leadscore.db)')
    .option('--json', 'print the result as JSON')

/**
 * Adds the analytics commands to the program and the `model` command.
 *
 * @example registerAnalyticsCommands(program, model, io, respond)
 */
export function registerAnalyticsCommands(program: Command, model: Command, io: CliIo, respond: Respond): void {
  withDbAndJson(
    program
      .command('analytics')
      .description('reports on the stored leads: score distribution, conversion, funnel, rule lift, trends')
      .addArgument(
        new Argument('<report>', 'which report').choices(['distribution', 'conversion', 'funnel', 'rule-lift', 'trends']),
      )
      .addOption(
        new Option('--by <key>', 'conversion: group by (default: decile)').choices(CONVERSION_KEYS as unknown as string[]),
      )
      .option('--bucket-width <points>', 'distribution: points per bucket, 1 to 100 (default: 10)', positiveNumber)
      .option('--window <days>', 'trends: window in days (default: 14)', positiveNumber)
      .option('--threshold <points>', 'trends: change over the window that is not steady (default: 5)', positiveNumber)
      .option('--top <n>', 'trends: fastest movers listed each way (default: 10)', wholeNumber),
  ).action(
    async (
      report: 'distribution' | 'conversion' | 'funnel' | 'rule-lift' | 'trends',
      flags: Flags & { by?: ConversionKey; bucketWidth?: number; window?: number; threshold?: number; top?: number },
    ) => {
      const { analyticsCommand, renderAnalytics } = await import('./analytics-command.js')
      const options = { ...flags, report, windowDays: flags.window, db: resolveDb(flags.db, io.env) }
      await respond(flags, () => analyticsCommand(options), renderAnalytics)
    },
  )

  withDbAndJson(
    program
      .command('fairness')
      .description('compare scores, MQL rates and conversion across the groups of an attribute (four-fifths rule)')
      .requiredOption('--attribute <name>', 'lead field or custom attribute, e.g. country or attributes.gender')
      .option('--min-group-size <n>', 'fewest leads a group needs to be compared (default: 20)', wholeNumber)
      .option('--max-groups <n>', 'most groups listed; smaller ones are pooled (default: 20)', wholeNumber),
  ).action(async (flags: Flags & { attribute: string; minGroupSize?: number; maxGroups?: number }) => {
    const { fairnessCommand, renderFairness } = await import('./fairness-command.js')
    await respond(flags, () => fairnessCommand({ ...flags, db: resolveDb(flags.db, io.env) }), renderFairness)
  })

  withDbAndJson(
    model
      .command('backtest')
      .description('score history as of a past date with a draft and the active model, and compare them with the outcomes')
      .argument('<draft>', 'stored model version number, or a model YAML file or template name')
      .requiredOption('--at <date>', 'the past date, ISO-8601 (2025-01-31)')
      .option('--against <version>', 'model version to compare with (default: the active one)', wholeNumber),
  ).action(async (draft: string, flags: Flags & { at: string; against?: number }) => {
    const { backtestCommand, renderBacktest } = await import('./backtest-command.js')
    const options = { draft, at: flags.at, against: flags.against, db: resolveDb(flags.db, io.env) }
    await respond(flags, () => backtestCommand(options, io), renderBacktest)
  })

  withDbAndJson(
    model
      .command('learn')
      .description("suggest the active model's rule points from the outcomes (learned points)")
      .option('--out <file>', 'write the model with the suggested points to this YAML file')
      .option('--create-draft', 'store the model with the suggested points as a draft version')
      .option('--l2 <penalty>', 'L2 penalty of the logistic regression (default: 1)', positiveNumber)
      .option('--min-support <n>', 'fewest leads with and without a rule to learn it (default: 10)', wholeNumber),
  ).action(async (flags: Flags & { out?: string; createDraft?: boolean; l2?: number; minSupport?: number }) => {
    const { learnCommand, renderLearn } = await import('./learn-command.js')
    await respond(flags, () => learnCommand({ ...flags, db: resolveDb(flags.db, io.env) }, io), (report) => renderLearn(report, flags.out))
  })
}

function positiveNumber(text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a number above 0.')
  return value
}

function wholeNumber(text: string): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError('expected a positive whole number.')
  }
  return value
}
