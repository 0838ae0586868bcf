// Deferred rescoring on a second thread: a bulk ingest hands each pending lead, with its state from before and the
// events it stores for it, to a worker that folds them while this thread stores the next batch; `rescorePending` has
// the worker score the leads and writes what it computed (ADR 7). The worker holds no database connection: this
// thread stays the only one that reads or writes the store for it.
import { Worker } from 'node:worker_threads'
import { eventTypeReadsProperties, type EpochMs, type Lead, type LeadState } from '../../core/index.js'
import type { ScoreSummary } from '../score-change.js'
import type { ActiveModel } from '../store.js'
import type { ScoreWrite } from './score-write.js'

/** A lead the worker starts tracking: its state before the events that follow, and what the history needs. */
export interface TrackedLead {
  trackId: number
  lead: Lead
  state: LeadState
  previous: ScoreSummary | null
  newest: { id: string; timestamp: number }
}

/** One committed transaction's leads and events, flattened into parallel arrays (cheap to copy between threads). */
export interface FoldBatch {
  checksum: string
  /** The time of the ingest that stored these events, at which the worker scores ahead of time; null: not to. */
  now: EpochMs | null
  /** Leads tracked from this batch on (before its events are folded). */
  tracks: TrackedLead[]
  /** Each lead with events once, with how many of the events below are its own (in order). */
  leadIds: string[]
  counts: number[]
  ids: string[]
  types: string[]
  timestamps: number[]
  /** Each event's properties as the JSON text stored in the events table; '' when no rule for its type reads them. */
  properties: string[]
}

/** The model the worker scores with: the rule model only (a store with a predictive model scores on its own thread). */
export type WorkerModel = Pick<ActiveModel, 'version' | 'checksum' | 'model'>

export type ToFoldWorker =
  | { type: 'model'; model: WorkerModel }
  | { type: 'fold'; batch: FoldBatch }
  | { type: 'drop'; leadIds: string[] }
  | { type: 'reset' }
  | { type: 'score'; id: number; now: EpochMs; leadIds: string[] }
  | { type: 'settle'; id: number }
  | { type: 'stop' }

/** A lead the worker scored: which tracking and how many batches its state holds, and what to write. */
export interface RemoteScore {
  trackId: number
  batches: number
  /** Computed ahead, before it was asked for. */
  ahead: boolean
  write: ScoreWrite
}

export interface FoldWorkerOptions {
  /**
   * Scores a tracked lead ahead, between messages, once this many events have been folded since its last one
   * (its events seem to be over). Default: 50,000 (the default import batch: a lead left out of the last one).
   */
  aheadAfterEvents?: number
  /** At most this many scores computed ahead are held (each holds its row's text). Default: 100,000. */
  aheadLimit?: number
}

export const FOLD_WORKER_DEFAULTS: Required<FoldWorkerOptions> = { aheadAfterEvents: 50_000, aheadLimit: 100_000 }

/**
 * How much nicer than the writer the worker thread runs (Linux). Its work can wait (batches queue; scores ahead are
 * a head start) and the writer's cannot: on a machine with few cores the two share one, and the writer storing events
 * is what an import waits for. When the writer waits for the worker (the final pass), the worker has the core anyway.
 */
export const FOLD_WORKER_NICENESS = 10

/** What the worker thread is started with. */
export type FoldWorkerData = Required<FoldWorkerOptions> & { niceness: number }

export type FromFoldWorker =
  | { type: 'scored'; id: number; leadIds: string[]; scores: RemoteScore[] }
  /** Every lead the worker could score ahead so far is scored (the answer to `settle`). */
  | { type: 'settled'; id: number }

/** The worker's module: compiled JavaScript beside this file, or the TypeScript source when run from the sources (tests). */
function workerEntry(): { url: URL; execArgv: string[] | undefined } {
  const fromSources = import.meta.url.endsWith('.ts')
  const url = new URL(`./fold-worker-thread.${fromSources ? 'ts' : 'js'}`, import.meta.url)
  if (!fromSources) return { url, execArgv: undefined }
  return { url, execArgv: ['--import', new URL('../../../test/support/register-ts.mjs', import.meta.url).href] }
}

/**
 * The writer's side of the fold worker. Leads and events are added while a transaction runs and sent once it
 * commits; a transaction that fails takes them back (`reset`, with everything else the lead cache forgets).
 */
export class FoldWorker {
  private readonly worker: Worker
  private batch: FoldBatch | null = null
  private sentModel: WorkerModel | null = null
  private failure: Error | null = null
  private readonly waiting = new Map<number, { resolve: (message: FromFoldWorker) => void; reject: (error: Error) => void }>()
  private nextId = 1
  private nextTrackId = 1
  private readonly exited: Promise<void>

  constructor(options: FoldWorkerOptions = {}) {
    const { url, execArgv } = workerEntry()
    const workerData: FoldWorkerData = {
      aheadAfterEvents: options.aheadAfterEvents ?? FOLD_WORKER_DEFAULTS.aheadAfterEvents,
      aheadLimit: options.aheadLimit ?? FOLD_WORKER_DEFAULTS.aheadLimit,
      niceness: FOLD_WORKER_NICENESS,
    }
    this.worker = new Worker(url, { execArgv, workerData })
    // The store's close stops the worker; until then it must not keep a process alive that is otherwise done.
    this.worker.unref()
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()))
    this.worker.on('error', (error) => this.fail(error))
    this.worker.once('exit', (code) => this.fail(new Error(`the fold worker exited (code ${code})`)))
    this.worker.on('message', (message: FromFoldWorker) => {
      const waiting = this.waiting.get(message.id)
      if (waiting === undefined) return
      this.waiting.delete(message.id)
      if (this.waiting.size === 0) this.worker.unref()
      waiting.resolve(message)
    })
  }

  /** False once the worker failed or stopped: deferred leads are then folded and scored on this thread again. */
  get available(): boolean {
    return this.failure === null
  }

  /** Starts tracking a lead in the current transaction (its events follow with `add`); returns the tracking's id. */
  track(lead: Lead, state: LeadState, previous: ScoreSummary | null, newest: TrackedLead['newest'], model: WorkerModel): number {
    const trackId = this.nextTrackId++
    this.batchFor(model).tracks.push({ trackId, lead, state, previous, newest })
    return trackId
  }

  /** Adds the events a tracked lead got in the current transaction. */
  add(
    leadId: string,
    events: readonly { id: string; type: string; timestamp: number }[],
    properties: readonly string[],
    model: WorkerModel,
  ): void {
    const batch = this.batchFor(model)
    batch.leadIds.push(leadId)
    batch.counts.push(events.length)
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!
      batch.ids.push(event.id)
      batch.types.push(event.type)
      batch.timestamps.push(event.timestamp)
      // Properties no rule reads stay here: less to copy to the worker and nothing for it to parse.
      batch.properties.push(eventTypeReadsProperties(model.model, event.type) ? properties[index]! : '')
    }
  }

  /**
   * The transaction committed: what it added goes to the worker. `now` is the ingest's time: the worker scores at
   * that time ahead of `score`, the leads whose events seem over (a bulk import scores its leads at its own time).
   */
  commit(now: EpochMs | null = null): void {
    const batch = this.batch
    this.batch = null
    if (batch === null || this.failure !== null) return
    batch.now = now
    this.send({ type: 'fold', batch })
  }

  /** Everything tracked (and not yet sent) is forgotten: the lead cache forgot the leads' states. */
  reset(): void {
    this.batch = null
    if (this.failure === null) this.send({ type: 'reset' })
  }

  /** The leads are no longer tracked (their states were dropped, or the leads deleted). */
  drop(leadIds: string[]): void {
    if (leadIds.length > 0 && this.failure === null) this.send({ type: 'drop', leadIds })
  }

  /**
   * Has the worker score the tracked leads among `leadIds` at `now` (it stops tracking them). Leads it does not
   * track are left out; an empty map once the worker has failed.
   */
  score(leadIds: string[], now: EpochMs): Promise<Map<string, RemoteScore>> {
    const scores = new Map<string, RemoteScore>()
    return this.ask((id) => ({ type: 'score', id, now, leadIds }))
      .then((message) => {
        if (message?.type === 'scored') message.leadIds.forEach((leadId, index) => scores.set(leadId, message.scores[index]!))
        return scores
      })
      .catch(() => scores)
  }

  /** Resolves once the worker has scored ahead every lead it can so far (tests: what it does between messages). */
  async settled(): Promise<void> {
    await this.ask((id) => ({ type: 'settle', id })).catch(() => undefined)
  }

  /** Stops the worker; resolves once it has exited. */
  async stop(): Promise<void> {
    this.worker.ref()
    if (this.failure === null) this.send({ type: 'stop' })
    await this.exited
  }

  /**
   * The current transaction's batch for `model`. One transaction folds with one model; were it another, what was
   * added with the first would be useless anyway (the worker forgets every lead when the model changes, and the
   * writer rebuilds those whose batches did not all arrive).
   */
  private batchFor(model: WorkerModel): FoldBatch {
    if (this.batch !== null && this.batch.checksum === model.checksum) return this.batch
    if (this.sentModel?.model !== model.model && this.failure === null) {
      const { version, checksum } = model
      this.send({ type: 'model', model: { version, checksum, model: model.model } })
      this.sentModel = model
    }
    this.batch = { checksum: model.checksum, now: null, tracks: [], leadIds: [], counts: [], ids: [], types: [], timestamps: [], properties: [] }
    return this.batch
  }

  /** Sends what was committed, then a request; its answer, or null once the worker has failed. */
  private ask(request: (id: number) => ToFoldWorker): Promise<FromFoldWorker | null> {
    this.commit()
    if (this.failure !== null) return Promise.resolve(null)
    const id = this.nextId++
    return new Promise<FromFoldWorker>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      // Referenced while a request is in flight, so that a process awaiting it does not exit under it.
      this.worker.ref()
      this.send(request(id))
    })
  }

  private send(message: ToFoldWorker): void {
    this.worker.postMessage(message)
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const waiting of this.waiting.values()) waiting.reject(this.failure)
    this.waiting.clear()
  }
}
