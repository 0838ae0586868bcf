// The fold worker's thread: keeps the state of each tracked lead, folds the events it is sent into it, and scores
// the leads it is asked for (see `fold-worker.ts`). No database connection: it only computes.
//
// Between messages it scores ahead the leads whose events seem to be over (none in the last `aheadAfterEvents`
// events folded), at the time of the ingest that sent the last batch: a bulk import scores its pending leads at that
// same time when it ends, so part of its final pass is done while its events are still being stored. When more than a
// quarter of those scores are thrown away (the lead got events after all), leads must stay quiet twice as long.
//
// On Linux the thread runs at a lower priority than the writer (`FOLD_WORKER_NICENESS`): on two cores the worker, the
// writer and the garbage collector's threads compete, and the import waits for the writer, not for the worker.
import { getPriority, setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import {
  applyEvents,
  leadProfile,
  scoreLeadState,
  type FoldedEvent,
  type Lead,
  type LeadProfile,
  type LeadState,
} from '../../core/index.js'
import type { ScoreSummary } from '../score-change.js'
import type { FoldBatch, FoldWorkerData, FromFoldWorker, RemoteScore, ToFoldWorker, WorkerModel } from './fold-worker.js'
import { scoreWrite, type ScoreWrite } from './score-write.js'

/** Leads scored ahead between two looks at the message queue (a few milliseconds). */
const AHEAD_SLICE = 64

/**
 * Scores computed ahead after which the share thrown away by a later batch is judged: above a quarter, the quiet
 * span doubles (an import in time order or shuffled touches most leads again and again, and on a machine with
 * few cores a score thrown away is time taken from the writer).
 */
const AHEAD_SAMPLE = 256

/** The properties of an event whose type no rule reads them of (see `eventTypeReadsProperties`). */
const UNREAD_PROPERTIES: Readonly<Record<string, unknown>> = Object.freeze({})

/** A score computed ahead: it holds while the lead gets no other batch and is asked for at the same time. */
interface Ahead {
  now: number
  batches: number
  write: ScoreWrite
}

interface Tracked {
  trackId: number
  lead: Lead
  /** What the lead's own fields give (fit and spam), computed while the events are still coming. */
  profile: LeadProfile
  state: LeadState
  previous: ScoreSummary | null
  newest: { id: string; timestamp: number }
  /** Batches of events folded into `state` since tracking began. */
  batches: number
  /** `eventsFolded` after the lead's last batch (or its tracking). */
  touchedAt: number
  ahead: Ahead | null
}

// Only on Linux does a thread's priority apply to the thread alone (elsewhere it would lower the whole process).
if (process.platform === 'linux') {
  try {
    // A thread starts at its creator's niceness: the writer's. 19 is the lowest priority there is.
    setPriority(Math.min(19, getPriority() + (workerData as FoldWorkerData).niceness))
  } catch {
    // Not allowed here: the worker runs at the writer's priority.
  }
}

const port = parentPort!
const options = workerData as FoldWorkerData
let model: WorkerModel | null = null
const tracked = new Map<string, Tracked>()
/** Events folded since the worker started. */
let eventsFolded = 0
/** Events a lead must go without before it is scored ahead: `aheadAfterEvents`, doubled while too many are wasted. */
let quietSpan = options.aheadAfterEvents
/** Scores computed ahead since `quietSpan` last changed, and how many of those a later batch threw away. */
let aheadComputed = 0
let aheadWasted = 0
/** The time of the last ingest, at which leads are scored ahead; null when it did not ask for it. */
let aheadNow: number | null = null
/** `eventsFolded` when the candidates were last listed. */
let plannedAt = 0
/** Leads to score ahead, from `nextCandidate` on; listed again as events are folded (see `fold`). */
let candidates: string[] = []
let nextCandidate = 0
let aheadScheduled = false
/** Tracked leads with a score computed ahead (bounded by `aheadLimit`). */
let aheadHeld = 0
/** `settle` requests answered once no lead is left to score ahead. */
let settling: number[] = []

function untrack(leadId: string): Tracked | undefined {
  const entry = tracked.get(leadId)
  if (entry === undefined) return undefined
  tracked.delete(leadId)
  if (entry.ahead !== null) aheadHeld--
  return entry
}

function untrackAll(): void {
  tracked.clear()
  aheadHeld = 0
  candidates = []
}

/** Whether the lead's score computed ahead is the one it would get at `now`. */
function aheadHolds(entry: Tracked, now: number): boolean {
  return entry.ahead !== null && entry.ahead.now === now && entry.ahead.batches === entry.batches
}

/** The lead's score at `now`: the one computed ahead when it holds, else computed now. */
function scoreOf(entry: Tracked, now: number): ScoreWrite {
  if (aheadHolds(entry, now)) return entry.ahead!.write
  const { lead, state, previous, profile } = entry
  const result = scoreLeadState(lead, state, model!.model, now, { predictive: null, profile })
  return scoreWrite({ lead, model: model!, now, cause: 'event', eventId: entry.newest.id }, state, previous, result)
}

const quiet = (entry: Tracked): boolean => eventsFolded - entry.touchedAt >= quietSpan

/** A later batch threw a lead's score computed ahead away; too many such, and leads must stay quiet longer. */
function aheadThrownAway(entry: Tracked): void {
  entry.ahead = null
  aheadHeld--
  aheadWasted++
  if (aheadComputed >= AHEAD_SAMPLE && aheadWasted * 4 > aheadComputed) {
    quietSpan *= 2
    aheadComputed = 0
    aheadWasted = 0
  }
}

/** Lists the quiet leads without a score ahead that holds, and starts scoring them between messages. */
function planAhead(): void {
  candidates = []
  nextCandidate = 0
  const now = aheadNow
  if (now === null || model === null) return
  for (const [leadId, entry] of tracked) if (quiet(entry) && !aheadHolds(entry, now)) candidates.push(leadId)
  if (candidates.length > 0 && !aheadScheduled) {
    aheadScheduled = true
    setImmediate(scoreAhead)
  }
}

/** Scores a slice of the candidates ahead, then lets the next message in before the next slice. */
function scoreAhead(): void {
  const now = aheadNow
  const end = Math.min(candidates.length, nextCandidate + AHEAD_SLICE)
  for (; nextCandidate < end && now !== null && aheadHeld < options.aheadLimit; nextCandidate++) {
    const entry = tracked.get(candidates[nextCandidate]!)
    if (entry === undefined || !quiet(entry)) continue
    if (entry.ahead === null) aheadHeld++
    entry.ahead = { now, batches: entry.batches, write: scoreOf(entry, now) }
    aheadComputed++
  }
  aheadScheduled = nextCandidate < candidates.length && aheadHeld < options.aheadLimit
  if (aheadScheduled) setImmediate(scoreAhead)
  else answerSettling()
}

function answerSettling(): void {
  for (const id of settling) port.postMessage({ type: 'settled', id } satisfies FromFoldWorker)
  settling = []
}

function fold(batch: FoldBatch): void {
  // Sent with another model than the last one: the writer rescores these leads itself.
  if (model === null || batch.checksum !== model.checksum) return
  const touchedAt = eventsFolded + batch.ids.length
  for (const { trackId, lead, state, previous, newest } of batch.tracks) {
    untrack(lead.id)
    const profile = leadProfile(lead, model.model)
    tracked.set(lead.id, { trackId, lead, profile, state, previous, newest, batches: 0, touchedAt, ahead: null })
  }
  let event = 0
  for (let index = 0; index < batch.leadIds.length; index++) {
    const entry = tracked.get(batch.leadIds[index]!)
    const end = event + batch.counts[index]!
    if (entry === undefined) {
      // Scored (or dropped) since: the writer sees the batch count differ and rescores the lead itself.
      event = end
      continue
    }
    const events: FoldedEvent[] = []
    let newest = 0
    for (; event < end; event++) {
      const timestamp = batch.timestamps[event]!
      const text = batch.properties[event]!
      const properties = text === '' ? UNREAD_PROPERTIES : (JSON.parse(text) as Record<string, unknown>)
      events.push({ id: batch.ids[event]!, type: batch.types[event]!, timestamp, properties })
      // The latest timestamp, the later event on a tie: as the writer's own bookkeeping picks it.
      if (timestamp >= events[newest]!.timestamp) newest = events.length - 1
    }
    applyEvents(entry.state, events, model.model)
    const last = events[newest]
    if (last !== undefined && last.timestamp >= entry.newest.timestamp) entry.newest = { id: last.id, timestamp: last.timestamp }
    entry.batches++
    entry.touchedAt = touchedAt
    if (entry.ahead !== null) aheadThrownAway(entry)
  }
  eventsFolded = touchedAt
  aheadNow = batch.now
  // Listing walks every tracked lead: done again once a quarter of the quiet span has been folded, not every batch.
  if (eventsFolded - plannedAt >= Math.max(1, quietSpan / 4)) {
    plannedAt = eventsFolded
    planAhead()
  }
}

function score(leadIds: readonly string[], now: number): { leadIds: string[]; scores: RemoteScore[] } {
  const scored: string[] = []
  const scores: RemoteScore[] = []
  if (model === null) return { leadIds: scored, scores }
  for (const leadId of leadIds) {
    const entry = untrack(leadId)
    if (entry === undefined) continue
    scored.push(leadId)
    scores.push({ trackId: entry.trackId, batches: entry.batches, ahead: aheadHolds(entry, now), write: scoreOf(entry, now) })
  }
  return { leadIds: scored, scores }
}

port.on('message', (message: ToFoldWorker) => {
  switch (message.type) {
    case 'model':
      if (model !== null && model.checksum !== message.model.checksum) untrackAll()
      model = message.model
      return
    case 'fold':
      fold(message.batch)
      return
    case 'drop':
      for (const leadId of message.leadIds) untrack(leadId)
      return
    case 'reset':
      untrackAll()
      return
    case 'score':
      port.postMessage({ type: 'scored', id: message.id, ...score(message.leadIds, message.now) } satisfies FromFoldWorker)
      return
    case 'settle':
      settling.push(message.id)
      if (!aheadScheduled) answerSettling()
      return
    case 'stop':
      port.close()
      return
  }
})
