// The fold worker's thread: keeps the state of each tracked lead, folds the events it is sent into it, and scores
// the leads it is asked for (see `fold-worker.ts`). No database connection: it only computes.
import { parentPort } from 'node:worker_threads'
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
import type { FoldBatch, FromFoldWorker, RemoteScore, ToFoldWorker, WorkerModel } from './fold-worker.js'
import { scoreWrite } from './score-write.js'

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
}

const port = parentPort!
let model: WorkerModel | null = null
const tracked = new Map<string, Tracked>()

function fold(batch: FoldBatch): void {
  // Sent with another model than the last one: the writer rescores these leads itself.
  if (model === null || batch.checksum !== model.checksum) return
  for (const { trackId, lead, state, previous, newest } of batch.tracks) {
    tracked.set(lead.id, { trackId, lead, profile: leadProfile(lead, model.model), state, previous, newest, batches: 0 })
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
      events.push({ id: batch.ids[event]!, type: batch.types[event]!, timestamp, properties: JSON.parse(batch.properties[event]!) as Record<string, unknown> })
      // The latest timestamp, the later event on a tie: as the writer's own bookkeeping picks it.
      if (timestamp >= events[newest]!.timestamp) newest = events.length - 1
    }
    applyEvents(entry.state, events, model.model)
    const last = events[newest]
    if (last !== undefined && last.timestamp >= entry.newest.timestamp) entry.newest = { id: last.id, timestamp: last.timestamp }
    entry.batches++
  }
}

function score(leadIds: readonly string[], now: number): { leadIds: string[]; scores: RemoteScore[] } {
  const scored: string[] = []
  const scores: RemoteScore[] = []
  if (model === null) return { leadIds: scored, scores }
  for (const leadId of leadIds) {
    const entry = tracked.get(leadId)
    if (entry === undefined) continue
    tracked.delete(leadId)
    const { lead, state, previous, profile } = entry
    const result = scoreLeadState(lead, state, model.model, now, { predictive: null, profile })
    const write = scoreWrite({ lead, model, now, cause: 'event', eventId: entry.newest.id }, state, previous, result)
    scored.push(leadId)
    scores.push({ trackId: entry.trackId, batches: entry.batches, write })
  }
  return { leadIds: scored, scores }
}

port.on('message', (message: ToFoldWorker) => {
  switch (message.type) {
    case 'model':
      if (model !== null && model.checksum !== message.model.checksum) tracked.clear()
      model = message.model
      return
    case 'fold':
      fold(message.batch)
      return
    case 'drop':
      for (const leadId of message.leadIds) tracked.delete(leadId)
      return
    case 'reset':
      tracked.clear()
      return
    case 'score':
      port.postMessage({ type: 'scored', id: message.id, ...score(message.leadIds, message.now) } satisfies FromFoldWorker)
      return
    case 'stop':
      port.close()
      return
  }
})
