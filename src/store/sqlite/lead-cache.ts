// An in-process cache of leads and their engine state, so the intake hot path neither reads nor parses them again.
import type { Lead, LeadState } from '../../core/index.js'
import type { ScoreSummary } from '../score-change.js'

/** A lead's stored score as the write path needs it: the state, the model it was built with, the summary. */
export interface ScoredState {
  /** Checksum of the model that built `state`. */
  checksum: string
  /** Null when the stored state could not be read (it is then rebuilt from the events). */
  state: LeadState | null
  summary: ScoreSummary
}

interface Entry {
  lead: Lead
  /** Undefined: not loaded yet; null: the lead has no score row. */
  scored: ScoredState | null | undefined
}

/**
 * Least-recently-used leads with their scored state, exactly as committed. The store clears it when
 * another connection commits (PRAGMA data_version) and when a transaction fails, since a failed
 * transaction may have mutated cached states that its rollback does not restore.
 */
export class LeadCache {
  private readonly entries = new Map<string, Entry>()

  /** @param capacity Leads kept at most; the least recently used go first. */
  constructor(private readonly capacity: number) {}

  lead(id: string): Lead | undefined {
    return this.touch(id)?.lead
  }

  scored(id: string): ScoredState | null | undefined {
    return this.entries.get(id)?.scored
  }

  /** Records the lead's current fields; its scored state stays (a state depends only on events). */
  setLead(lead: Lead): void {
    this.put(lead.id, { lead, scored: this.entries.get(lead.id)?.scored })
  }

  setScored(lead: Lead, scored: ScoredState): void {
    this.put(lead.id, { lead, scored })
  }

  /** Drops the lead's scored state (its stored state went stale), keeping its fields. */
  forgetScored(id: string): void {
    const entry = this.entries.get(id)
    if (entry !== undefined) entry.scored = undefined
  }

  clear(): void {
    this.entries.clear()
  }

  private touch(id: string): Entry | undefined {
    const entry = this.entries.get(id)
    if (entry !== undefined) {
      this.entries.delete(id)
      this.entries.set(id, entry)
    }
    return entry
  }

  private put(id: string, entry: Entry): void {
    this.entries.delete(id)
    this.entries.set(id, entry)
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next()
      if (oldest.done !== true) this.entries.delete(oldest.value)
    }
  }
}
