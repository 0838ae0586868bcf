import { describe, expect, it } from 'vitest'
import { readEventRows } from './event-rows.js'
import { collect, writeTempFile } from './test-files.js'

describe('readEventRows (CSV)', () => {
  it('turns extra columns into properties, plain decimals into numbers', async () => {
    const path = writeTempFile(
      'events.csv',
      '\uFEFFid,lead_id,type,timestamp,url,value,campaign,properties\r\n' +
        'e1,l1,page_view,2024-05-01T10:00:00+02:00,"https://x.io/a,b",42.5,007,"{""form"":""demo""}"\r\n' +
        'e2,,email_click,1714557600000,,,,\r\n',
    )
    const rows = await collect(readEventRows(path))
    expect(rows[0]).toEqual({
      line: 2,
      ok: true,
      raw: expect.any(String) as string,
      value: {
        id: 'e1',
        leadId: 'l1',
        type: 'page_view',
        timestamp: Date.parse('2024-05-01T08:00:00Z'),
        properties: { url: 'https://x.io/a,b', value: 42.5, campaign: '007', form: 'demo' },
      },
    })
    expect(rows[1]).toMatchObject({ line: 3, ok: false, reason: 'lead_id or email is required' })
  })

  it('accepts camelCase leadId, eventId and an email instead of the lead id', async () => {
    const path = writeTempFile('events.csv', 'eventId,leadId,email,type,timestamp\ne1,L9,,call,2024-05-01\ne2,,Q@X.io,call,2024-05-01\n')
    expect(await collect(readEventRows(path))).toMatchObject([
      { ok: true, value: { id: 'e1', leadId: 'L9', properties: {} } },
      { ok: true, value: { id: 'e2', email: 'q@x.io' } },
    ])
  })

  it('rejects every bad field with its own reason', async () => {
    const path = writeTempFile(
      'events.csv',
      [
        'id,lead_id,type,timestamp,properties',
        ',l1,page_view,2024-05-01,',
        'e2,l1,pageview,2024-05-01,',
        'e3,l1,page_view,,',
        'e4,l1,page_view,last week,',
        'e5,l1,page_view,2024-05-01,{broken',
        'e6,l1,,2024-05-01,',
        ',,,,',
      ].join('\n'),
    )
    const reasons = (await collect(readEventRows(path))).map((row) => (row.ok ? 'ok' : row.reason))
    expect(reasons[0]).toBe('id is required (events are deduplicated by id)')
    expect(reasons[1]).toMatch(
      /^unknown event type 'pageview' — did you mean 'page_view'\? known types: page_view, form_submit, .*custom; declare custom types under event_types in the model$/,
    )
    expect(reasons[2]).toBe('timestamp is required')
    expect(reasons[3]).toBe(
      "bad date in timestamp: 'last week' (use ISO-8601 like 2024-05-01T10:00:00Z or epoch milliseconds)",
    )
    expect(reasons[4]).toMatch(/^properties: invalid JSON: /)
    expect(reasons[5]).toBe('type is required')
    expect(reasons[6]).toBe('empty row')
  })

  it('accepts the event types the model declares', async () => {
    const path = writeTempFile('events.csv', 'id,lead_id,type,timestamp\ne1,l1,trial_extended,2024-05-01\n')
    expect(await collect(readEventRows(path))).toMatchObject([{ ok: false }])
    expect(await collect(readEventRows(path, { eventTypes: ['trial_extended'] }))).toMatchObject([
      { ok: true, value: { type: 'trial_extended' } },
    ])
  })
})

describe('readEventRows (NDJSON)', () => {
  it('reads properties objects and epoch-ms numbers', async () => {
    const path = writeTempFile(
      'events.ndjson',
      '{"id":"e1","leadId":"l1","type":"purchase","timestamp":1714557600000,"properties":{"value":99,"items":[{"sku":"a"}]}}\n',
    )
    expect(await collect(readEventRows(path))).toMatchObject([
      { line: 1, ok: true, value: { timestamp: 1714557600000, properties: { value: 99, items: [{ sku: 'a' }] } } },
    ])
  })

  it('rejects broken JSON lines, unknown fields, non-object properties and deep nesting, and reads on', async () => {
    const path = writeTempFile(
      'events.ndjson',
      [
        '{"id":"e1","lead_id":"l1","type":"call","timestamp":"2024-05-01"',
        '{"id":"e2","lead_id":"l1","type":"call","timestamp":"2024-05-01","url":"/x"}',
        '{"id":"e3","lead_id":"l1","type":"call","timestamp":"2024-05-01","properties":"x"}',
        '{"id":"e4","lead_id":"l1","type":"call","timestamp":"2024-05-01","properties":{"a":{"b":{"c":{"d":{"e":{}}}}}}}',
        '{"id":"e5","lead_id":"l1","type":"call","timestamp":-1}',
        '{"id":"e6","lead_id":"l1","type":"call","timestamp":"2024-05-01"}',
      ].join('\n'),
    )
    const rows = await collect(readEventRows(path))
    expect(rows.map((row) => (row.ok ? 'ok' : row.reason))).toEqual([
      expect.stringMatching(/^invalid JSON: /) as string,
      "unknown field 'url' — put event data under properties",
      "properties: expected an object (got 'x')",
      'properties: nested deeper than 5 levels',
      "bad date in timestamp: '-1' (use ISO-8601 like 2024-05-01T10:00:00Z or epoch milliseconds)",
      'ok',
    ])
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('rejects a huge line without reading it into memory whole, then reads on', async () => {
    const huge = `{"id":"e1","lead_id":"l1","type":"call","timestamp":1,"properties":{"x":"${'y'.repeat(2 * 1024 * 1024)}"}}`
    const path = writeTempFile('events.ndjson', `${huge}\n{"id":"e2","lead_id":"l1","type":"call","timestamp":1}\n`)
    const rows = await collect(readEventRows(path))
    expect(rows.map((row) => (row.ok ? 'ok' : row.reason))).toEqual(['line is longer than the limit', 'ok'])
    expect(rows[0]!.raw.length).toBeLessThanOrEqual(200)
  })
})
