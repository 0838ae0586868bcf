// Reads lead, event and outcome files into memory and joins them: the leads with an outcome, their events.
import { basename } from 'node:path'
import type { EpochMs, Lead, LeadEvent, Outcome } from '../core/index.js'
import { checkImportFile, leadFromInput, readEventRows, readLeadRows, readOutcomeRows, type RejectedRow } from '../ingest/index.js'

export interface TrainingFiles {
  leads: string
  outcomes: string
  events?: string | undefined
}

/** Leads with a known outcome, in lead-file order, and what could not be used. */
export interface TrainingData {
  /** Leads that have an outcome, in the order of the leads file. */
  leads: Lead[]
  /** The outcome of each lead in `leads`, by lead id. */
  outcomes: Map<string, Outcome>
  /** Events of the leads in `leads`, by lead id; repeated event ids count once. */
  eventsByLead: Map<string, LeadEvent[]>
  /** Leads in the leads file without an outcome (not used). */
  leadsWithoutOutcome: number
  /** Outcome rows naming a lead that is not in the leads file. */
  unknownOutcomes: number
  /** Rejected rows per file, with the first reason of each. */
  rejected: { leads: number; events: number; outcomes: number }
  firstRejections: string[]
}

/**
 * Reads the three files (same formats as `leadscore import`) and keeps the leads that have an outcome. A lead
 * without an id is known by its email; a repeated lead id keeps its first row; a repeated outcome its last.
 * A lead without `created_at` gets NaN (unknown), so no feature is computed from it.
 */
export async function readTrainingData(files: TrainingFiles): Promise<TrainingData> {
  await checkImportFile(files.leads)
  await checkImportFile(files.outcomes)
  if (files.events !== undefined) await checkImportFile(files.events)
  const data: TrainingData = {
    leads: [],
    outcomes: new Map(),
    eventsByLead: new Map(),
    leadsWithoutOutcome: 0,
    unknownOutcomes: 0,
    rejected: { leads: 0, events: 0, outcomes: 0 },
    firstRejections: [],
  }
  const reject = (kind: 'leads' | 'events' | 'outcomes', path: string, row: RejectedRow): void => {
    if (data.rejected[kind]++ === 0) data.firstRejections.push(`${basename(path)}:${row.line}: ${row.reason}`)
  }

  const byId = new Map<string, Lead>()
  const idByEmail = new Map<string, string>()
  for await (const row of readLeadRows(files.leads)) {
    if (!row.ok) {
      reject('leads', files.leads, row)
      continue
    }
    const lead = leadFromInput(row.value, UNKNOWN_TIME)
    if (byId.has(lead.id)) {
      reject('leads', files.leads, { ...row, reason: `duplicate lead '${lead.id}'` })
      continue
    }
    byId.set(lead.id, lead)
    if (lead.email !== undefined && !idByEmail.has(lead.email)) idByEmail.set(lead.email, lead.id)
  }
  const resolve = (idOrEmail: string | undefined, email?: string): string | undefined =>
    (idOrEmail !== undefined && byId.has(idOrEmail) ? idOrEmail : undefined) ??
    idByEmail.get((email ?? idOrEmail ?? '').toLowerCase())

  for await (const row of readOutcomeRows(files.outcomes)) {
    if (!row.ok) {
      reject('outcomes', files.outcomes, row)
      continue
    }
    const leadId = resolve(row.value.leadId)
    if (leadId === undefined) data.unknownOutcomes++
    else data.outcomes.set(leadId, { ...row.value, leadId })
  }
  for (const lead of byId.values()) {
    if (data.outcomes.has(lead.id)) data.leads.push(lead)
    else data.leadsWithoutOutcome++
  }

  if (files.events === undefined) return data
  const seen = new Set<string>()
  for await (const row of readEventRows(files.events)) {
    if (!row.ok) {
      reject('events', files.events, row)
      continue
    }
    const { id, leadId: givenId, email, type, timestamp, properties } = row.value
    const leadId = resolve(givenId, email)
    if (leadId === undefined || !data.outcomes.has(leadId) || seen.has(id)) continue
    seen.add(id)
    const event: LeadEvent = { id, leadId, type, timestamp, properties }
    const events = data.eventsByLead.get(leadId)
    if (events === undefined) data.eventsByLead.set(leadId, [event])
    else events.push(event)
  }
  return data
}

/** Unknown creation time: NaN, which the feature code treats as missing. */
const UNKNOWN_TIME: EpochMs = Number.NaN

