// More domain values as JSON: events, outcomes, accounts and model versions (snake_case keys, ISO dates).
import type { LeadEvent, Outcome } from '../core/index.js'
import type { AccountSummary, ModelVersion } from '../store/index.js'

const iso = (at: number): string => new Date(at).toISOString()

export function eventToJson(event: LeadEvent): Record<string, unknown> {
  return { id: event.id, lead_id: event.leadId, type: event.type, timestamp: iso(event.timestamp), properties: event.properties }
}

export function outcomeToJson(outcome: Outcome): Record<string, unknown> {
  return { lead_id: outcome.leadId, converted: outcome.converted, converted_at: outcome.at === undefined ? null : iso(outcome.at) }
}

export function accountToJson(account: AccountSummary): {
  key: string
  name: string | null
  domain: string | null
  leads: number
  spam_leads: number
  mqls: number
  sqls: number
  best_score: number | null
  average_score: number | null
  account_score: number | null
  updated_at: string
} {
  return {
    key: account.key,
    name: account.name,
    domain: account.domain,
    leads: account.leads,
    spam_leads: account.spamLeads,
    mqls: account.mqls,
    sqls: account.sqls,
    best_score: account.bestScore,
    average_score: account.averageScore,
    account_score: account.accountScore,
    updated_at: iso(account.updatedAt),
  }
}

/** A model version without its YAML (lists leave it out; GET /v1/models/:version adds it). */
export function modelVersionToJson(version: ModelVersion): {
  version: number
  name: string
  status: string
  active: boolean
  checksum: string
  created_at: string
  published_at: string | null
} {
  return {
    version: version.version,
    name: version.name,
    status: version.status,
    active: version.active,
    checksum: version.checksum,
    created_at: iso(version.createdAt),
    published_at: version.publishedAt === null ? null : iso(version.publishedAt),
  }
}
