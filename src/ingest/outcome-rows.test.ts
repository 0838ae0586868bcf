import { describe, expect, it } from 'vitest'
import { readOutcomeRows } from './outcome-rows.js'
import { collect, writeTempFile } from './test-files.js'

describe('readOutcomeRows', () => {
  it('reads every spelling of converted and an optional date', async () => {
    const path = writeTempFile(
      'outcomes.csv',
      'lead_id,converted,converted_at\na,true,2024-05-01\nb,0,\nc,YES,\nd,no,1714557600000\n',
    )
    expect((await collect(readOutcomeRows(path))).map((row) => row.ok && row.value)).toEqual([
      { leadId: 'a', converted: true, at: Date.parse('2024-05-01') },
      { leadId: 'b', converted: false },
      { leadId: 'c', converted: true },
      { leadId: 'd', converted: false, at: 1714557600000 },
    ])
  })

  it('reads NDJSON booleans and camelCase keys', async () => {
    const path = writeTempFile('outcomes.ndjson', '{"leadId":"a","converted":false,"convertedAt":"2024-05-01T00:00:00Z"}\n')
    expect(await collect(readOutcomeRows(path))).toMatchObject([
      { ok: true, value: { leadId: 'a', converted: false, at: Date.parse('2024-05-01') } },
    ])
  })

  it('rejects rows it cannot trust', async () => {
    const path = writeTempFile('outcomes.ndjson', [
      '{"converted":true}',
      '{"lead_id":"a","converted":"maybe"}',
      '{"lead_id":"a"}',
      '{"lead_id":"a","converted":true,"converted_at":"soon"}',
      '{"lead_id":"a","converted":true,"revenue":5}',
      '{"lead_id":"a","converted":{}}',
    ].join('\n'))
    expect((await collect(readOutcomeRows(path))).map((row) => !row.ok && row.reason)).toEqual([
      'lead_id is required',
      "converted: expected true/false, 1/0 or yes/no (got 'maybe')",
      'converted is required',
      "bad date in converted_at: 'soon' (use ISO-8601 like 2024-05-01T10:00:00Z or epoch milliseconds)",
      "unknown column 'revenue' — known: lead_id, converted, converted_at",
      "converted: expected true/false, 1/0 or yes/no (got '{}')",
    ])
  })
})
