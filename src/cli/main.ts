// The leadscore command line: a table of small commands, each imported only when run, and the exit codes.
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { IngestError } from '../ingest/index.js'
import { StoreError } from '../store/index.js'
import { CliError } from './cli-error.js'
import { processIo, type CliIo } from './context.js'
import { writeJson } from './output.js'
import { registerAnalyticsCommands } from './analytics-program.js'
import { resolveDb } from './workspace.js'

/** Exit codes: success, a user error (bad file, unknown lead, invalid model), a usage error (flags, arguments). */
export const EXIT = { ok: 0, user: 1, usage: 2 } as const

interface JsonFlag {
  json?: boolean
}
interface DbFlag extends JsonFlag {
  db?: string
}
type ImportKind = 'leads' | 'events' | 'outcomes'
interface ImportFlags extends DbFlag {
  batchSize?: number
  errors?: string
}
interface ScoreFlags extends JsonFlag {
  model: string
  leads: string
  events?: string
  at?: string
  out: string
  errors?: string
}
interface EvaluateFlags extends JsonFlag {
  leads: string
  outcomes: string
  events?: string
  algo: 'lr' | 'gbdt'
  folds: number
  seed: number
  split: 'kfold' | 'time'
  threshold: number
}
interface DemoFlags extends DbFlag {
  leads?: number
  days?: number
  seed?: number
}
interface ServeFlags extends DbFlag {
  port?: number
  host?: string
  demoIfEmpty?: boolean
  sweepMinutes?: number
  corsOrigins?: string
  bodyLimit?: number
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and resolves to the exit code; it never exits
 * the process, so tests run it in-process with captured output.
 *
 * @example process.exitCode = await main(process.argv.slice(2))
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok
  /** Prints a command's data (as JSON with --json, else as text) and records its exit code. */
  const respond = async <T>(
    flags: JsonFlag,
    run: () => Promise<T>,
    render: (data: T) => string,
    exitCodeOf: (data: T) => number = () => EXIT.ok,
  ): Promise<void> => {
    const data = await run()
    if (flags.json === true) writeJson(io.stdout, data)
    else io.stdout.write(render(data))
    exitCode = exitCodeOf(data)
  }
  const program = buildProgram(io, respond)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    return reportError(error, io, argv.includes('--verbose'))
  }
}

/** Prints a command's data (JSON with --json, else text) and records its exit code. */
export type Respond = <T>(
  flags: JsonFlag,
  run: () => Promise<T>,
  render: (data: T) => string,
  exitCodeOf?: (data: T) => number,
) => Promise<void>

/** The command tree, without running it: `main` parses with it; tests read it to check the docs name real commands. */
export function buildProgram(io: CliIo, respond: Respond): Command {
  const program = new Command('leadscore')
    .description('Lead scoring: fit and engagement scores 0-100, spam detection, MQL/SQL, every point explained.')
    .option('--verbose', 'show stack traces on errors')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
  const dbOption = (command: Command) =>
    command.option('--db <file>', 'database file (default: $LEADSCORE_DB or ./data/leadscore.db)')
  const jsonOption = (command: Command) => command.option('--json', 'print the result as JSON')

  jsonOption(
    dbOption(
      program
        .command('import')
        .description('import leads, events or outcomes from a CSV or NDJSON file')
        .addArgument(new Argument('<kind>', 'what the file holds').choices(['leads', 'events', 'outcomes']))
        .argument('<file>', '.csv (with a header row), .ndjson or .jsonl'),
    )
      .option('--batch-size <rows>', 'rows per store transaction (default: 50000)', positiveInteger)
      .option('--errors <file>', 'where rejected rows are reported (default: <file>.errors.csv)'),
  ).action(async (kind: ImportKind, file: string, flags: ImportFlags) => {
    const { importCommand, renderImportSummary } = await import('./import-command.js')
    const options = { kind, file, db: resolveDb(flags.db, io.env), batchSize: flags.batchSize, errors: flags.errors }
    await respond(flags, () => importCommand(options, io), renderImportSummary)
  })

  jsonOption(
    program
      .command('score')
      .description('score a file of leads (and their events) with a model, offline, without a database')
      .requiredOption('--model <file>', 'model YAML file, or a template name (b2b-saas, ecommerce)')
      .requiredOption('--leads <file>', 'leads file (.csv, .ndjson, .jsonl)')
      .option('--events <file>', 'events file (.csv, .ndjson, .jsonl)')
      .option('--at <time>', 'score as of this ISO-8601 time (default: now)')
      .requiredOption('--out <file>', 'output: .csv, or .ndjson with every contribution')
      .option('--errors <file>', 'where rejected rows are reported (default: <out>.errors.csv)'),
  ).action(async (flags: ScoreFlags) => {
    const { scoreCommand, renderScoreSummary } = await import('./score-command.js')
    await respond(flags, () => scoreCommand(flags, io), renderScoreSummary)
  })

  jsonOption(
    program
      .command('evaluate')
      .description('cross-validate a predictive model on leads with known outcomes (ROC AUC, PR AUC, log loss, Brier)')
      .requiredOption('--leads <file>', 'leads file (.csv, .ndjson, .jsonl)')
      .requiredOption('--outcomes <file>', 'outcomes file: lead_id, converted, converted_at')
      .option('--events <file>', 'events file (.csv, .ndjson, .jsonl); only events before each outcome count')
      .addOption(new Option('--algo <algo>', 'learner').choices(['lr', 'gbdt']).default('gbdt'))
      .option('--folds <n>', 'stratified folds (at least 2)', positiveInteger, 5)
      .option('--seed <n>', 'seed of the folds and the model', positiveInteger, 42)
      .addOption(
        new Option('--split <kind>', 'kfold, or time: oldest 80 % by created_at train, newest 20 % test')
          .choices(['kfold', 'time'])
          .default('kfold'),
      )
      .option('--threshold <p>', 'probability for precision and recall (0 to 1)', probability, 0.5),
  ).action(async (flags: EvaluateFlags) => {
    const { evaluateCommand, renderEvaluation } = await import('./evaluate-command.js')
    await respond(flags, () => evaluateCommand(flags, io), renderEvaluation)
  })

  const model = program.command('model').description('validate, start, publish and list scoring models')
  jsonOption(model.command('validate').description('check a model file and list every problem').argument('<file>')).action(
    async (file: string, flags: JsonFlag) => {
      const { validateModelCommand, renderValidation } = await import('./model-command.js')
      await respond(flags, () => validateModelCommand(file), renderValidation, (result) =>
        result.valid ? EXIT.ok : EXIT.user,
      )
    },
  )
  jsonOption(
    model
      .command('init')
      .description('print a template model to start from')
      .option('--template <name>', 'b2b-saas or ecommerce', 'b2b-saas'),
  ).action(async (flags: JsonFlag & { template: string }) => {
    const { initModelCommand } = await import('./model-command.js')
    await respond(flags, () => Promise.resolve(initModelCommand(flags.template)), (result) => result.yaml)
  })
  const publish = model
    .command('publish')
    .description('store a model as a new version, publish it and rescore all leads')
    .argument('<file>')
  jsonOption(dbOption(publish)).action(async (file: string, flags: DbFlag) => {
    const { publishModelCommand, renderPublish } = await import('./model-command.js')
    await respond(flags, () => publishModelCommand({ file, db: resolveDb(flags.db, io.env) }, io), renderPublish)
  })
  jsonOption(dbOption(model.command('list').description('list the stored model versions'))).action(
    async (flags: DbFlag) => {
      const { listModelsCommand, renderModelList } = await import('./model-command.js')
      await respond(flags, () => listModelsCommand({ db: resolveDb(flags.db, io.env) }), renderModelList)
    },
  )

  jsonOption(
    dbOption(program.command('train').description('train a predictive model on the leads with known outcomes'))
      .addOption(new Option('--algo <algo>', 'learner').choices(['lr', 'gbdt']).default('gbdt'))
      .option('--seed <n>', 'seed of the folds and the model', positiveInteger, 42)
      .option('--folds <n>', 'stratified folds on the older 80 % of leads', positiveInteger, 5)
      .option('--publish', 'publish the model (make it the active one) instead of storing a draft'),
  ).action(async (flags: DbFlag & { algo: 'lr' | 'gbdt'; seed: number; folds: number; publish?: boolean }) => {
    const { trainCommand, renderTraining } = await import('./train-command.js')
    await respond(flags, () => trainCommand({ ...flags, db: resolveDb(flags.db, io.env) }, io), renderTraining)
  })

  const predictive = program.command('predictive').description('list, show and publish trained predictive models')
  jsonOption(dbOption(predictive.command('list').description('list the stored predictive models'))).action(
    async (flags: DbFlag) => {
      const { listPredictiveCommand, renderPredictiveList } = await import('./predictive-command.js')
      await respond(flags, () => listPredictiveCommand({ db: resolveDb(flags.db, io.env) }), renderPredictiveList)
    },
  )
  jsonOption(dbOption(predictive.command('show').description("print a model's quality report").argument('<id>', 'model id', positiveInteger))).action(
    async (id: number, flags: DbFlag) => {
      const { showPredictiveCommand, renderPredictiveModel } = await import('./predictive-command.js')
      await respond(flags, () => showPredictiveCommand({ id, db: resolveDb(flags.db, io.env) }), renderPredictiveModel)
    },
  )
  jsonOption(
    dbOption(predictive.command('publish').description('make a model the active one that scores leads').argument('<id>', 'model id', positiveInteger)),
  ).action(async (id: number, flags: DbFlag) => {
    const { publishPredictiveCommand, renderPublished } = await import('./predictive-command.js')
    await respond(flags, () => publishPredictiveCommand({ id, db: resolveDb(flags.db, io.env) }, io), renderPublished)
  })

  const keys = program.command('keys').description('create, list and revoke API keys')
  jsonOption(
    dbOption(
      keys
        .command('create')
        .description('create an API key and print its secret (shown only this once)')
        .requiredOption('--scope <scopes...>', 'write (ingest only, safe in a web page), read, admin; several allowed')
        .option('--name <name>', 'what the key is for (default: its scopes)'),
    ),
  ).action(async (flags: DbFlag & { scope: string[]; name?: string }) => {
    const { createKeyCommand, renderCreatedKey } = await import('./keys-command.js')
    const options = { db: resolveDb(flags.db, io.env), scopes: flags.scope, name: flags.name }
    await respond(flags, () => createKeyCommand(options, io), renderCreatedKey)
  })
  jsonOption(dbOption(keys.command('list').description('list API keys (never their secrets)'))).action(async (flags: DbFlag) => {
    const { listKeysCommand, renderKeyList } = await import('./keys-command.js')
    await respond(flags, () => listKeysCommand({ db: resolveDb(flags.db, io.env) }), renderKeyList)
  })
  jsonOption(dbOption(keys.command('revoke').description('revoke an API key').argument('<id>', 'key id (key_...)'))).action(
    async (id: string, flags: DbFlag) => {
      const { revokeKeyCommand, renderRevokedKey } = await import('./keys-command.js')
      await respond(flags, () => revokeKeyCommand({ db: resolveDb(flags.db, io.env), id }, io), renderRevokedKey)
    },
  )

  registerAnalyticsCommands(program, model, io, respond)

  const explain = program
    .command('explain')
    .description("explain a lead's score point by point")
    .argument('<lead>', 'lead id or email')
  jsonOption(dbOption(explain)).action(
    async (lead: string, flags: DbFlag) => {
      const { explainCommand, renderExplanation } = await import('./explain-command.js')
      await respond(flags, () => explainCommand({ lead, db: resolveDb(flags.db, io.env) }, io), renderExplanation)
    },
  )

  jsonOption(
    dbOption(program.command('demo').description('fill the database with realistic demo leads, events and outcomes'))
      .option('--leads <n>', 'how many leads', positiveInteger)
      .option('--days <n>', 'events fall within the last n days', positiveInteger)
      .option('--seed <n>', 'same seed, same data', positiveInteger),
  ).action(async (flags: DemoFlags) => {
    const { demoCommand } = await import('./demo-command.js')
    await respond(
      flags,
      () => demoCommand({ ...flags, db: resolveDb(flags.db, io.env) }, io),
      (result) =>
        `loaded ${result.leads} leads, ${result.events} events, ${result.outcomes} outcomes ` +
        `(${result.rejected} rejected)\n`,
    )
  })

  jsonOption(
    dbOption(program.command('serve').description('run the HTTP API'))
      .option('--port <port>', 'port to listen on (default: $PORT or 3000)', positiveInteger)
      .option('--host <host>', 'interface to listen on (default: $LEADSCORE_HOST or localhost)')
      .option('--demo-if-empty', 'load the demo data when the database has no leads')
      .option('--sweep-minutes <n>', 'minutes between decay sweeps', positiveInteger)
      .option('--cors-origins <origins>', "origins browsers may send from: '*' or a,b (default: $LEADSCORE_CORS_ORIGINS; none)")
      .option('--body-limit <bytes>', 'largest request body (default: $LEADSCORE_BODY_LIMIT_BYTES or 5 MiB)', positiveInteger),
  ).action(async (flags: ServeFlags) => {
    const { serveCommand } = await import('./serve-command.js')
    await respond(
      flags,
      () =>
        serveCommand({
          ...flags,
          bodyLimitBytes: flags.bodyLimit,
          corsOrigins: flags.corsOrigins ?? io.env.LEADSCORE_CORS_ORIGINS,
          db: resolveDb(flags.db, io.env),
        }),
      (result) => `listening on ${result.url}${result.seeded ? ' (demo data loaded)' : ''}\n`,
    )
  })
  return program
}

function positiveInteger(text: string): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError('expected a positive whole number.')
  }
  return value
}

function probability(text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !(value >= 0 && value <= 1)) {
    throw new InvalidArgumentError('expected a probability from 0 to 1, like 0.5.')
  }
  return value
}

/** Prints an error as `error: ...` and `hint: ...` (with the stack under --verbose) and picks the exit code. */
function reportError(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help).
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage
  }
  const { message, hint, exitCode } = describeError(error)
  io.stderr.write(`error: ${message}\n`)
  if (hint !== undefined) io.stderr.write(`hint: ${hint}\n`)
  if (verbose && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`)
  return exitCode
}

function describeError(error: unknown): { message: string; hint: string | undefined; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, hint: error.hint, exitCode: error.exitCode }
  if (error instanceof IngestError) return { message: error.message, hint: error.hint, exitCode: EXIT.user }
  if (error instanceof StoreError) return { message: error.message, hint: undefined, exitCode: EXIT.user }
  const message = error instanceof Error ? error.message : String(error)
  return { message, hint: 'this is unexpected; run again with --verbose to see where it happened', exitCode: EXIT.user }
}
