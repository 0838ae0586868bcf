// leadscore serve: the HTTP API on the workspace's store, with the periodic decay sweep.
import pino from 'pino'
import { createApp, serve } from '../api/index.js'
import { seedDemoIfEmpty } from './demo-command.js'
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
}

export interface RunningServer {
  url: string
  /** Whether the demo data was loaded because the database was empty. */
  seeded: boolean
  /** Stops accepting connections, finishes in-flight requests and closes the store (as SIGTERM does). */
  close: () => Promise<void>
}

/** Starts the server and resolves once it listens; it runs until SIGINT, SIGTERM or `close()`. */
export async function serveCommand(options: ServeCommandOptions): Promise<RunningServer> {
  const workspace = await openWorkspace({ db: options.db })
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
  const app = await createApp({ store: workspace.store, model: () => workspace.model, logger: log })

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
      .rescoreAll(workspace.model, Date.now(), 'decay')
      .then((result) => log.info(result, 'decay sweep done'))
      .catch((error: unknown) => log.error({ err: error }, 'decay sweep failed'))
      .finally(() => (sweeping = false))
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
  return { url: listening.url, seeded, close: listening.close }
}
