// An in-process cache of leads and their engine state, so the intake hot path neither reads nor parses them again.
import { leadProfile, type Lead, type LeadProfile, type LeadState, type ScoringModel } from '../../core/index.js'
import type { ScoreSummary } from '../score-change.js'
import type { FoldWorker } from './fold-worker.js'

/** A lead's stored score as the write path needs it: the state, the model it was built with, the summary. */
export interface ScoredState {
  /** Checksum of the model that built `state`. */
  checksum: string
  /** Null when the stored state could not be read (it is then rebuilt from the events). */
  state: LeadState | null
  summary: ScoreSummary
}

/**
 * The state of a lead whose rescore was deferred, folded from a known base with every event stored since, so
 * that `rescorePending` need not read its events back. Exact because folding is order-independent (ADR 2).
 */
export interface PendingState {
  /** Checksum of the model the state was folded with. */
  checksum: string
  state: LeadState
  /** The stored score summary from before the lead became pending (null: it had none), for the history entry. */
  previous: ScoreSummary | null
  /** The newest (latest timestamp) of the events folded in since the lead became pending: what caused the change. */
  newest: { id: string; timestamp: number }
  /**
   * Set while the fold worker holds the lead's state (see `fold-worker.ts`): `state` is then only where it started,
   * and `away` counts the batches of events sent to it since. A change to the lead (`setLead`: the worker has it as
   * it was) or anything that forgets it drops this state.
   */
  remote: { trackId: number; away: number } | null
}

interface Entry {
  lead: Lead
  /** Undefined: not loaded yet; null: the lead has no score row. */
  scored: ScoredState | null | undefined
  /** What `lead`'s own fields give under `model` (fit and spam), kept while the same lead object is cached. */
  profile?: { model: ScoringModel; value: LeadProfile } | undefined
  /** The cache's access count when the entry was last used. */
  used: number
}

/**
 * Least-recently-used leads with their scored state, exactly as committed. The store clears it when
 * another connection commits (PRAGMA data_version) and when a transaction fails, since a failed
 * transaction may have mutated cached states that its rollback does not restore.
 */
export class LeadCache {
  private readonly entries = new Map<string, Entry>()
  private readonly pending = new Map<string, PendingState>()
  /** Counts accesses; an entry's `used` is the count at its last use. */
  private clock = 0

  /**
   * @param capacity Leads kept at most (and pending states tracked at most); the least recently used go first.
   * @param folds The fold worker holding pending leads' states, told when the cache forgets them.
   */
  constructor(
    private readonly capacity: number,
    private readonly folds: FoldWorker | null = null,
  ) {}

  lead(id: string): Lead | undefined {
    return this.touch(id)?.lead
  }

  scored(id: string): ScoredState | null | undefined {
    return this.entries.get(id)?.scored
  }

  /**
   * Records the lead's new fields; its scored state stays (a state depends only on events). A pending state the fold
   * worker holds is dropped: the worker would score the lead as it was.
   */
  setLead(lead: Lead): void {
    this.put(lead.id, { lead, scored: this.entries.get(lead.id)?.scored, used: 0 })
    if (this.pending.get(lead.id)?.remote != null) this.forgetPending(lead.id)
  }

  /** Records a lead as read from the store (unchanged), when it is not cached yet. */
  remember(lead: Lead): void {
    if (!this.entries.has(lead.id)) this.put(lead.id, { lead, scored: undefined, used: 0 })
  }

  /** Records a lead created in the current transaction: it has no score row yet. */
  setNewLead(lead: Lead): void {
    this.put(lead.id, { lead, scored: null, used: 0 })
  }

  setScored(lead: Lead, scored: ScoredState): void {
    const previous = this.entries.get(lead.id)
    this.put(lead.id, { lead, scored, profile: previous?.lead === lead ? previous.profile : undefined, used: 0 })
  }

  /**
   * The lead's profile under `model` (`leadProfile`), computed once per lead object and model while the lead
   * is cached: a lead changes only by being replaced with a new object (`setLead`).
   */
  profile(lead: Lead, model: ScoringModel): LeadProfile {
    const entry = this.entries.get(lead.id)
    if (entry?.lead === lead && entry.profile?.model === model) return entry.profile.value
    const value = leadProfile(lead, model)
    if (entry?.lead === lead) entry.profile = { model, value }
    return value
  }

  /** Drops the lead's scored state (its stored state went stale), keeping its fields. */
  forgetScored(id: string): void {
    const entry = this.entries.get(id)
    if (entry !== undefined) entry.scored = undefined
  }

  /** Drops everything known about the lead (it was deleted, merged or erased). */
  forget(id: string): void {
    this.entries.delete(id)
    this.forgetPending(id)
  }

  /** The folded state of a pending lead, when tracked and folded with the model of `checksum`. */
  pendingState(id: string, checksum: string): PendingState | undefined {
    const entry = this.pending.get(id)
    return entry?.checksum === checksum ? entry : undefined
  }

  /** Tracks a pending lead's folded state; beyond capacity the lead is left to a rebuild from its events. */
  setPendingState(id: string, entry: PendingState): void {
    if (this.pending.size < this.capacity || this.pending.has(id)) this.pending.set(id, entry)
  }

  /** Stops tracking a pending lead (it was rescored, or its state can no longer be trusted). */
  forgetPending(id: string): void {
    const entry = this.pending.get(id)
    if (entry === undefined) return
    this.pending.delete(id)
    if (entry.remote !== null) this.folds?.drop([id])
  }

  /** Stops tracking a pending lead that the fold worker scored (and stopped tracking itself). */
  settlePending(id: string): void {
    this.pending.delete(id)
  }

  clear(): void {
    this.entries.clear()
    this.pending.clear()
    this.folds?.reset()
  }

  /** Size of the cache right now (tests). */
  get size(): number {
    return this.entries.size
  }

  // Recency is a stamp, not a position: moving a key to the end of the Map (delete, then set) on every use cost
  // about a microsecond per event on the intake path.
  private touch(id: string): Entry | undefined {
    const entry = this.entries.get(id)
    if (entry !== undefined) entry.used = ++this.clock
    return entry
  }

  private put(id: string, entry: Entry): void {
    entry.used = ++this.clock
    this.entries.set(id, entry)
    if (this.entries.size > this.capacity) this.evict()
  }

  /**
   * Drops every lead not used in the last three quarters of `capacity` accesses: at most that many leads were,
   * so at least a quarter of the cache goes at once and the scan is paid once per that many new leads.
   */
  private evict(): void {
    const keepAfter = this.clock - Math.max(1, Math.floor((this.capacity * 3) / 4))
    for (const [id, entry] of this.entries) {
      if (entry.used <= keepAfter) this.entries.delete(id)
    }
  }
}
