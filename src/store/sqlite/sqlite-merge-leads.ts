// Merging one lead into another (an anonymous visitor into the lead it turned out to be), inside one transaction.
import type Database from 'better-sqlite3'
import type { EpochMs } from '../../core/index.js'
import { StoreError } from '../errors.js'
import type { ActiveModel, MergeLeadsResult } from '../store.js'
import { leadRowToLead, type LeadRow } from './rows.js'
import { rescoreLead, type SqliteWriteContext } from './sqlite-scoring.js'

/** Columns a merge never copies from the source: identity, bookkeeping and the attributes (merged key by key). */
const NOT_FILLED = new Set<keyof LeadRow>(['id', 'attributes', 'created_at', 'updated_at'])

/** The statements a merge needs besides the shared ones. */
export interface MergeStatements {
  moveEvents: Database.Statement<[string, string]>
  moveOutcome: Database.Statement<[string, string]>
  deleteLead: Database.Statement<[string]>
  repointAliases: Database.Statement<[string, string]>
  insertAlias: Database.Statement<[string, string]>
  setCreatedAt: Database.Statement<[number, string]>
}

/** Prepares the merge statements on `db`. */
export function prepareMergeStatements(db: Database.Database): MergeStatements {
  return {
    moveEvents: db.prepare<[string, string]>('UPDATE events SET lead_id = ? WHERE lead_id = ?'),
    // A target that has an outcome keeps it; the source's is then deleted with the source lead.
    moveOutcome: db.prepare<[string, string]>('UPDATE OR IGNORE outcomes SET lead_id = ? WHERE lead_id = ?'),
    deleteLead: db.prepare<[string]>('DELETE FROM leads WHERE id = ?'),
    repointAliases: db.prepare<[string, string]>('UPDATE lead_aliases SET lead_id = ? WHERE lead_id = ?'),
    insertAlias: db.prepare<[string, string]>(
      'INSERT INTO lead_aliases (alias, lead_id) VALUES (?, ?) ON CONFLICT (alias) DO UPDATE SET lead_id = excluded.lead_id',
    ),
    setCreatedAt: db.prepare<[number, string]>('UPDATE leads SET created_at = ? WHERE id = ?'),
  }
}

/** The target row with its empty columns filled from the source and the source's attributes under its own. */
function fillFrom(target: LeadRow, source: LeadRow, now: EpochMs): { row: LeadRow; changed: boolean } {
  const row: LeadRow = { ...target }
  const writable = row as unknown as Record<string, unknown>
  let changed = false
  for (const column of Object.keys(target) as (keyof LeadRow)[]) {
    if (NOT_FILLED.has(column) || target[column] !== null || source[column] === null) continue
    writable[column] = source[column]
    changed = true
  }
  const sourceAttributes = JSON.parse(source.attributes) as Record<string, unknown>
  const targetAttributes = JSON.parse(target.attributes) as Record<string, unknown>
  if (Object.keys(sourceAttributes).some((key) => !Object.hasOwn(targetAttributes, key))) {
    row.attributes = JSON.stringify({ ...sourceAttributes, ...targetAttributes })
    changed = true
  }
  if (source.created_at < target.created_at) {
    row.created_at = source.created_at
    changed = true
  }
  if (changed) row.updated_at = now
  return { row, changed }
}

/** Runs inside one write transaction; see `Store.mergeLeads`. */
export function mergeLeadsInTransaction(
  context: SqliteWriteContext,
  merge: MergeStatements,
  fromId: string,
  intoId: string,
  model: ActiveModel,
  now: EpochMs,
): MergeLeadsResult {
  const { statements, cache } = context
  if (fromId === intoId) throw new StoreError('invalid', `Cannot merge lead '${fromId}' into itself.`)
  const target = statements.leadById.get(intoId)
  if (target === undefined) throw new StoreError('not_found', `There is no lead '${intoId}' to merge into.`)
  const source = statements.leadById.get(fromId)
  if (source === undefined) {
    // Nothing to merge, but the id now names the target (an alias sent before the visitor did anything).
    merge.insertAlias.run(fromId, intoId)
    return { merged: false, movedEvents: 0 }
  }

  const movedEvents = merge.moveEvents.run(intoId, fromId).changes
  merge.moveOutcome.run(intoId, fromId)
  // The source's id, and every id merged into it before, now name the target.
  merge.repointAliases.run(intoId, fromId)
  merge.insertAlias.run(fromId, intoId)
  // Deleting the source first frees its email for the target; its scores and history go with it (cascade).
  merge.deleteLead.run(fromId)
  const { row, changed } = fillFrom(target, source, now)
  if (changed) {
    statements.updateLead.run(row)
    // The shared UPDATE leaves created_at alone; a merge may move it earlier (first seen as a visitor).
    if (row.created_at !== target.created_at) merge.setCreatedAt.run(row.created_at, intoId)
  }
  // The cache may hold the deleted source and the target's old or folded state: both are forgotten.
  cache.forget(fromId)
  cache.forget(intoId)
  // Marking the target pending makes the shared rescore path rebuild its state from every event it now has.
  statements.insertPendingRescore.run(intoId)
  rescoreLead(context, { lead: leadRowToLead(row), model, now, cause: 'lead', eventId: null, newEvents: [], isNewLead: false })
  return { merged: true, movedEvents }
}
