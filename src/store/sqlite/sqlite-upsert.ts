// Lead upserts: match by id, else email; merge; refuse an email another lead owns; rescore what changed.
import type { EpochMs, Lead } from '../../core/index.js'
import { mergeLeadInput, newLeadId, normaliseEmail } from '../lead-merge.js'
import type { ActiveModel, LeadInput, UpsertLeadResult } from '../store.js'
import { leadRowToLead, leadToLeadRow } from './rows.js'
import { rescoreLead, type SqliteWriteContext } from './sqlite-scoring.js'

/** Runs inside one transaction; each item is created, updated, unchanged or rejected on its own. */
export function upsertLeadBatch(
  context: SqliteWriteContext,
  inputs: readonly LeadInput[],
  model: ActiveModel | null,
  now: EpochMs,
): UpsertLeadResult[] {
  const { statements, cache } = context
  const changedLeads = new Map<string, Lead>()
  const results = inputs.map((input): UpsertLeadResult => {
    const email = normaliseEmail(input.email)
    if ((input.id === undefined || input.id === '') && email === undefined) {
      return { status: 'rejected', reason: 'a lead needs an id or an email' }
    }
    const row =
      input.id !== undefined && input.id !== ''
        ? (statements.leadById.get(input.id) ?? statements.leadByAlias.get(input.id))
        : statements.leadByEmail.get(email!)
    const existing = row === undefined ? null : leadRowToLead(row)
    const id = existing?.id ?? (input.id !== undefined && input.id !== '' ? input.id : newLeadId())
    if (email !== undefined) {
      const owner = statements.leadIdByEmail.get(email)
      if (owner !== undefined && owner !== id) {
        return { status: 'rejected', reason: `email ${email} is already used by lead ${owner}` }
      }
    }
    const { lead, changed } = mergeLeadInput(existing, id, input, now)
    if (existing === null) statements.insertLead.run(leadToLeadRow(lead))
    else if (changed) statements.updateLead.run(leadToLeadRow(lead))
    if (changed) {
      cache.setLead(lead)
      changedLeads.set(lead.id, lead)
    }
    return { status: existing === null ? 'created' : changed ? 'updated' : 'unchanged', leadId: lead.id }
  })
  if (model !== null) {
    for (const lead of changedLeads.values()) {
      rescoreLead(context, { lead, model, now, cause: 'lead', eventId: null, newEvents: [], isNewLead: false })
    }
  }
  return results
}
