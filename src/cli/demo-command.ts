// leadscore demo: fills the workspace's store with realistic synthetic leads, events and outcomes.
import type { EpochMs } from '../core/index.js'
import { generateDemoData, type DemoData } from '../demo/index.js'
import type { ActiveModel, Store } from '../store/index.js'
import { nowOf, processIo, type CliIo } from './context.js'
import { startProgress } from './progress.js'
import { openWorkspace, resolveDb } from './workspace.js'

export interface DemoCommandOptions {
  /** SQLite file. Default: the workspace default (./data/leadscore.db or LEADSCORE_DB). */
  db?: string | undefined
  /** How many leads to generate. Default: 3,000. */
  leads?: number | undefined
  /** Events fall within the last `days` days. Default: 90. */
  days?: number | undefined
  /** Same seed, same data. Default: 1. */
  seed?: number | undefined
  /** The end of the demo period. Default: the current time. */
  now?: EpochMs | undefined
}

/** Progress while loading, reported after each stored batch. */
export interface DemoProgress {
  stage: 'leads' | 'events' | 'outcomes'
  done: number
  total: number
}


/** How many items the store accepted; `rejected` counts refused leads, events and outcomes together. */
export interface DemoLoadResult {
  leads: number
  events: number
  outcomes: number
  rejected: number
}

export const DEMO_DEFAULTS = { leads: 3000, days: 90, seed: 1 } as const
/** Events per `ingestEvents` call: one transaction each, small enough to show progress. */
const EVENT_BATCH_SIZE = 5000

/**
 * Generates the demo data and loads it into the workspace's store, scored with the active model.
 * Progress goes to `io.stderr`.
 *
 * @example
 * const counts = await demoCommand({ db: './data/demo.db', leads: 500 })
 */
export async function demoCommand(
  options: DemoCommandOptions,
  io: CliIo = processIo(),
): Promise<DemoLoadResult> {
  const now = options.now ?? nowOf(io)
  const data = generateDemoData({
    seed: options.seed ?? DEMO_DEFAULTS.seed,
    leads: options.leads ?? DEMO_DEFAULTS.leads,
    days: options.days ?? DEMO_DEFAULTS.days,
    now,
  })
  const workspace = await openWorkspace({ db: resolveDb(options.db, io.env), now })
  const progress = startProgress(io.stderr, { label: 'events', total: data.events.length })
  try {
    return await loadDemoData(workspace.store, workspace.model, data, now, (step) => {
      if (step.stage === 'events') progress.update(step.done, step.total)
    })
  } finally {
    progress.stop()
    await workspace.close()
  }
}

/** Loads the default demo data set when the store has no lead at all. Resolves whether it did. */
export async function seedDemoIfEmpty(store: Store, model: ActiveModel, now: EpochMs): Promise<boolean> {
  const { total } = await store.listLeads({ limit: 1 })
  if (total > 0) return false
  await loadDemoData(store, model, generateDemoData({ ...DEMO_DEFAULTS, now }), now)
  return true
}

/** Stores leads, then events in batches, then outcomes; counts what the store accepted. */
export async function loadDemoData(
  store: Store,
  model: ActiveModel,
  data: DemoData,
  now: EpochMs,
  report: (progress: DemoProgress) => void = () => undefined,
): Promise<DemoLoadResult> {
  const leadResults = await store.upsertLeads(data.leads, model, now)
  report({ stage: 'leads', done: data.leads.length, total: data.leads.length })
  const leadsRejected = leadResults.filter((result) => result.status === 'rejected').length
  let events = 0
  let eventsRejected = 0
  for (let start = 0; start < data.events.length; start += EVENT_BATCH_SIZE) {
    const batch = data.events.slice(start, start + EVENT_BATCH_SIZE)
    for (const result of await store.ingestEvents(batch, model, now)) {
      if (result.status === 'stored') events++
      else if (result.status === 'rejected') eventsRejected++
    }
    report({ stage: 'events', done: start + batch.length, total: data.events.length })
  }
  const outcomeResults = await store.recordOutcomes(data.outcomes, now)
  report({ stage: 'outcomes', done: data.outcomes.length, total: data.outcomes.length })
  const outcomesRejected = outcomeResults.filter((result) => result.status === 'rejected').length
  return {
    leads: leadResults.length - leadsRejected,
    events,
    outcomes: outcomeResults.length - outcomesRejected,
    rejected: leadsRejected + eventsRejected + outcomesRejected,
  }
}
