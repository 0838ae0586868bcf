// leadscore serve: the HTTP API on the workspace's store, with the periodic decay sweep.
import pino from 'pino'
import { createApp, serve } from '../api/index.js'
import { createApiKey } from '../api/api-keys.js'
import { parseCorsOrigins, type CorsOrigins } from '../api/cors.js'
import type { Store, WalCheckpointStats } from '../store/index.js'
import { SqliteStore } from '../store/sqlite/sqlite-store.js'
import { CliError } from './cli-error.js'
import { seedDemoIfEmpty } from './demo-command.js'
import { readServeEnv } from './serve-env.js'
import { openWorkspace } from './workspace.js'

/** How often the server looks for a newly activated model version. */
const MODEL_REFRESH_MS = 5_000

export interface ServeCommandOptions {
  /** SQLite file. Default: ./data/leadscore.db (or LEADSCORE_DB). */
  db?: string | undefined
  /** Default: 3000 (or PORT). */
  port?: number | undefined
  /** Default: localhost (or LEADSCORE_HOST). */
  host?: string | undefined
  /** Fill an empty database with the demo data first (what `npm start` does). Default: false. */
  demoIfEmpty?: boolean | undefined
  /** Minutes between decay sweeps, which rescore every lead and record what decay changed. Default: 60. */
  sweepMinutes?: number | undefined
  /** Largest accepted request body in bytes; larger ones get 413. Default: LEADSCORE_BODY_LIMIT_BYTES, else 5 MiB. */
  bodyLimitBytes?: number | undefined
  /**
   * Origins browsers may call the API from (browser intake with a write key): `*` or `https://a,https://b`.
   * Default: none (CORS off). The CLI passes `--cors-origins` or LEADSCORE_CORS_ORIGINS.
   */
  corsOrigins?: string | undefined
}

export interface RunningServer {
  url: string
  /** Whether the demo data was loaded because the database was empty. */
  seeded: boolean
  /** The admin key created because the database had no active one (also printed to stderr once); else null. */
  bootstrapKey: string | null
  /** Stops accepting connections, finishes in-flight requests and closes the store (as SIGTERM does). */
  close: () => Promise<void>
}

/** Starts the server and resolves once it listens; it runs until SIGINT, SIGTERM or `close()`. */
export async function serveCommand(options: ServeCommandOptions): Promise<RunningServer> {
  // Rate limits, /metrics access and the body limit come from the environment; bad values stop the start.
  const settings = readServeEnv(process.env)
  const corsOrigins = readCorsOrigins(options.corsOrigins)
  const workspace = await openWorkspace({ db: options.db, backgroundCheckpoints: true })
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info' })
  let seeded = false
  if (options.demoIfEmpty === true) {
    log.info('checking for demo data')
    seeded = await seedDemoIfEmpty(workspace.store, workspace.model, Date.now())
    if (seeded) log.info('database was empty: demo data loaded')
  }
  // An import interrupted before it rescored its leads is completed before serving.
  const pending = await workspace.store.rescorePending(workspace.model, Date.now())
  if (pending.leads > 0) log.info(pending, 'rescored leads left pending by an interrupted import')
  const bootstrapKey = await bootstrapAdminKey(workspace.store)
  let sweepRemaining = 0
  const app = await createApp({
    store: workspace.store,
    model: () => workspace.model,
    // A version published or activated through the API: re-read it now rather than at the next poll.
    onModelChanged: async () => {
      await workspace.refreshModel()
    },
    logger: log,
    corsOrigins,
    bodyLimitBytes: options.bodyLimitBytes ?? settings.bodyLimitBytes,
    rateLimits: settings.rateLimits,
    failedAuthLimit: settings.failedAuthLimit,
    metricsAccess: settings.metricsAccess,
    processMetrics: true,
    queueDepth: () => ({ decay_sweep: sweepRemaining }),
    resumeModelRescore: true,
    walCheckpoints: checkpointStats(workspace.store),
  })

  // A model published from the CLI (another process) takes effect here within seconds.
  const modelWatch = setInterval(() => {
    workspace
      .refreshModel()
      .then((changed) => changed && log.info({ version: workspace.model.version }, 'active model changed'))
      .catch((error: unknown) => log.error({ err: error }, 'reading the active model failed'))
  }, MODEL_REFRESH_MS)
  modelWatch.unref()

  const sweepMs = (options.sweepMinutes ?? 60) * 60_000
  let sweeping = false
  const sweep = setInterval(() => {
    if (sweeping) return
    sweeping = true
    workspace.store
      .rescoreAll(workspace.model, Date.now(), 'decay', (progress) => (sweepRemaining = progress.total - progress.done))
      .then((result) => log.info(result, 'decay sweep done'))
      .catch((error: unknown) => log.error({ err: error }, 'decay sweep failed'))
      .finally(() => {
        sweeping = false
        sweepRemaining = 0
      })
  }, sweepMs)
  sweep.unref()

  const release = async (): Promise<void> => {
    clearInterval(modelWatch)
    clearInterval(sweep)
    await workspace.close()
  }
  const listening = await serve(app, {
    port: options.port ?? Number(process.env.PORT ?? 3000),
    host: options.host ?? process.env.LEADSCORE_HOST ?? 'localhost',
    onClose: release,
  })
  return { url: listening.url, seeded, bootstrapKey, close: listening.close }
}

/** The background checkpointer's counters of a SQLite store, for /metrics. */
function checkpointStats(store: Store): (() => WalCheckpointStats | null) | undefined {
  return store instanceof SqliteStore ? () => store.walCheckpoints() : undefined
}

function readCorsOrigins(text: string | undefined): CorsOrigins | undefined {
  try {
    return parseCorsOrigins(text)
  } catch (error) {
    throw new CliError((error as Error).message, { hint: "use '*' or origins separated by commas", exitCode: 2 })
  }
}

/**
 * A database without an active admin key gets one, printed once to stderr, so that a first `npm start`
 * can call the API; more keys come from `leadscore keys create` or POST /v1/keys.
 */
async function bootstrapAdminKey(store: Store): Promise<string | null> {
  const keys = await store.listApiKeys()
  if (keys.some((key) => key.revokedAt === null && key.scopes.includes('admin'))) return null
  const { key, secret } = await createApiKey(store, { name: 'bootstrap admin', scopes: ['admin'] }, Date.now())
  process.stderr.write(
    `\nNo admin API key existed, so one was created (${key.id}). It is shown only this once:\n\n  ${secret}\n\n` +
      'Send it as "Authorization: Bearer <key>". Create narrower keys with `leadscore keys create --scope write`.\n\n',
  )
  return secret
}
