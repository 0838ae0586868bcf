// One event from one row's fields: columns matched by name, properties merged or taken as given, bad rows explained.
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../../src/core/index.js'
import { parseEventRecord } from '../../src/ingest/event-rows.js'

const types = [...EVENT_TYPES]
const allowed = new Set(types)
const parse = (fields: Record<string, unknown>, format: 'csv' | 'ndjson') => parseEventRecord(fields, format, allowed, types)

describe('parseEventRecord', () => {
  it('matches lead_id, leadId and "Lead ID" alike, row after row', () => {
    for (const column of ['lead_id', 'leadId', 'Lead ID', 'lead_id']) {
      const parsed = parse({ id: 'e1', [column]: 'l1', type: 'page_view', timestamp: '2025-01-02T03:04:05Z' }, 'csv')
      expect(parsed).toEqual({ ok: true, value: { id: 'e1', leadId: 'l1', type: 'page_view', timestamp: Date.UTC(2025, 0, 2, 3, 4, 5), properties: {} } })
    }
  })

  it('takes NDJSON properties as given, and still refuses a __proto__ key or too deep a nesting', () => {
    const properties = { url: 'https://acme.io/pricing', cart: { value: 120 } }
    const parsed = parse({ id: 'e1', lead_id: 'l1', type: 'page_view', timestamp: 1_700_000_000_000, properties }, 'ndjson')
    expect(parsed.ok && parsed.value.properties).toEqual(properties)
    const polluted = JSON.parse('{"__proto__": {"admin": true}, "url": "x"}') as Record<string, unknown>
    expect(parse({ id: 'e2', lead_id: 'l1', type: 'page_view', timestamp: 1, properties: polluted }, 'ndjson')).toEqual({
      ok: false,
      reason: "properties: key '__proto__' is not allowed",
    })
    let deep: Record<string, unknown> = { leaf: 1 }
    for (let depth = 0; depth < 50; depth++) deep = { next: deep }
    const tooDeep = parse({ id: 'e3', lead_id: 'l1', type: 'page_view', timestamp: 1, properties: deep }, 'ndjson')
    expect(tooDeep.ok).toBe(false)
  })

  it('merges CSV property columns, empty ones included, with a properties JSON column', () => {
    const parsed = parse(
      { id: 'e1', email: 'Ana@Acme.io', type: 'purchase', timestamp: '2025-01-02', value: '120.5', coupon: '', properties: '{"sku":"A-1"}' },
      'csv',
    )
    expect(parsed).toEqual({
      ok: true,
      value: { id: 'e1', email: 'ana@acme.io', type: 'purchase', timestamp: Date.UTC(2025, 0, 2), properties: { value: 120.5, coupon: '', sku: 'A-1' } },
    })
  })

  it('explains a bad timestamp by quoting it', () => {
    expect(parse({ id: 'e1', lead_id: 'l1', type: 'page_view', timestamp: '2025-02-31' }, 'csv')).toEqual({
      ok: false,
      reason: "bad date in timestamp: '2025-02-31' (use ISO-8601 like 2024-05-01T10:00:00Z or epoch milliseconds)",
    })
  })
})
