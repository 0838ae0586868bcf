import { describe, expect, it } from 'vitest'
import { IngestError } from './ingest-error.js'
import { readLeadRows } from './lead-rows.js'
import { collect, writeTempFile } from './test-files.js'

const HEADER = 'id,email,first_name,last_name,job_title,company,company_size,annual_revenue,created_at,plan,zip'

describe('readLeadRows (CSV)', () => {
  it('reads good rows with a BOM, CRLF line ends and quoted commas', async () => {
    const path = writeTempFile(
      'leads.csv',
      `\uFEFF${HEADER}\r\n` +
        'l1,Ana@Example.COM,Ana,Pérez,"VP, Sales","Acme, Inc",250,1000000.5,2024-05-01T10:00:00Z,pro,02134\r\n' +
        ',bo@example.com,Bo,,,,,,1714557600000,,\r\n',
    )
    const rows = await collect(readLeadRows(path))
    expect(rows).toEqual([
      {
        line: 2,
        ok: true,
        raw: expect.stringContaining('l1,Ana') as string,
        value: {
          id: 'l1',
          email: 'ana@example.com',
          firstName: 'Ana',
          lastName: 'Pérez',
          jobTitle: 'VP, Sales',
          companyName: 'Acme, Inc',
          companySize: 250,
          annualRevenue: 1000000.5,
          createdAt: Date.parse('2024-05-01T10:00:00Z'),
          attributes: { plan: 'pro', zip: '02134' },
        },
      },
      {
        line: 3,
        ok: true,
        raw: ',bo@example.com,Bo,,,,,,1714557600000,,',
        value: { email: 'bo@example.com', firstName: 'Bo', createdAt: 1714557600000 },
      },
    ])
  })

  it('accepts camelCase and spaced column names and turns plain decimals into numbers', async () => {
    const path = writeTempFile('leads.csv', 'id,firstName,companyDomain,Company Size,seats,code\n7,Li,acme.io,12,40,-1.5e3\n')
    const [row] = await collect(readLeadRows(path))
    expect(row).toMatchObject({
      ok: true,
      value: { id: '7', firstName: 'Li', companyDomain: 'acme.io', companySize: 12, attributes: { seats: 40, code: '-1.5e3' } },
    })
  })

  it('keeps a malformed email for the spam detectors', async () => {
    const path = writeTempFile('leads.csv', 'email\nnot-an-email\n')
    expect(await collect(readLeadRows(path))).toMatchObject([{ ok: true, value: { email: 'not-an-email' } }])
  })

  it('rejects bad rows with a reason and keeps the good ones', async () => {
    const path = writeTempFile(
      'leads.csv',
      [
        'id,email,company_size,created_at,first_name',
        ',,,,',
        ',,,,Ann',
        'a,,abc,,',
        'b,,-5,,',
        'c,,,yesterday,',
        'd,,,2024-02-31,',
        'e,,1',
        'f,"x"y,,,',
        'g,g@example.com,10,2024-01-01,Gil',
      ].join('\n'),
    )
    const rows = await collect(readLeadRows(path))
    expect(rows.map((row) => [row.line, row.ok ? 'ok' : row.reason])).toEqual([
      [2, 'empty row'],
      [3, 'row needs an id or an email'],
      [4, "company_size: not a number (got 'abc')"],
      [5, "company_size: must not be negative (got '-5')"],
      [6, "bad date in created_at: 'yesterday' (use ISO-8601 like 2024-05-01T10:00:00Z or epoch milliseconds)"],
      [7, "bad date in created_at: '2024-02-31' (use ISO-8601 like 2024-05-01T10:00:00Z or epoch milliseconds)"],
      [8, 'expected 5 fields as in the header, found 3'],
      [9, 'unexpected text after the closing quote of field 2'],
      [10, 'ok'],
    ])
    expect(rows[1]).toMatchObject({ raw: ',,,,Ann' })
  })

  it('rejects a line over the size limit and reads on', async () => {
    const path = writeTempFile('leads.csv', `id,note\n1,${'x'.repeat(5000)}\n2,short\n`)
    const rows = await collect(readLeadRows(path, { maxLineBytes: 1000 }))
    expect(rows.map((row) => row.ok)).toEqual([false, true])
    expect(rows[0]).toMatchObject({ line: 2, reason: 'line 2 is longer than the limit' })
  })

  it('refuses a header that names a column twice', async () => {
    const path = writeTempFile('leads.csv', 'id,id\n1,2\n')
    await expect(collect(readLeadRows(path))).rejects.toThrow("the header row names column 'id' twice")
  })
})

describe('readLeadRows (NDJSON)', () => {
  it('reads camelCase keys, numbers as JSON numbers and merges an attributes object', async () => {
    const path = writeTempFile(
      'leads.ndjson',
      '{"id":"n1","firstName":"Zoe","company_size":"40","attributes":{"plan":"pro"},"tier":2}\n\n{"email":"Q@X.IO","phone":5551234}\n',
    )
    expect(await collect(readLeadRows(path))).toMatchObject([
      { line: 1, ok: true, value: { id: 'n1', firstName: 'Zoe', companySize: 40, attributes: { plan: 'pro', tier: 2 } } },
      { line: 3, ok: true, value: { email: 'q@x.io', phone: '5551234' } },
    ])
  })

  it('rejects broken JSON, non-objects, empty objects and fields given twice', async () => {
    const path = writeTempFile(
      'leads.jsonl',
      '{"id":"ok"}\n{"id": "x",\n[1,2]\n{}\n{"first_name":"A","firstName":"B","id":"1"}\n{"id":"2","attributes":[1]}\n',
    )
    const rows = await collect(readLeadRows(path))
    expect(rows.map((row) => (row.ok ? 'ok' : row.reason))).toEqual([
      'ok',
      expect.stringMatching(/^invalid JSON: /) as string,
      'expected a JSON object',
      'empty row',
      "first_name is given twice ('first_name' and 'firstName')",
      'attributes: expected an object (got object)',
    ])
  })

  it('rejects attributes nested too deeply', async () => {
    const path = writeTempFile('leads.ndjson', '{"id":"1","deep":{"a":{"b":{"c":{"d":{"e":1}}}}}}\n')
    expect(await collect(readLeadRows(path))).toMatchObject([{ ok: false, reason: 'attributes: nested deeper than 5 levels' }])
  })

  it('does not let a __proto__ key reach the prototype', async () => {
    const path = writeTempFile('leads.ndjson', '{"id":"1","attributes":{"__proto__":{"admin":true}}}\n')
    expect(await collect(readLeadRows(path))).toMatchObject([{ ok: false, reason: "attributes: key '__proto__' is not allowed" }])
  })
})

describe('file-level problems', () => {
  it('refuses an unsupported extension with a hint', async () => {
    const path = writeTempFile('leads.xlsx', 'id\n1\n')
    const error = await collect(readLeadRows(path)).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(IngestError)
    expect(error).toMatchObject({ message: expect.stringContaining("unsupported file type '.xlsx'") as string })
  })

  it('refuses a missing file', async () => {
    await expect(collect(readLeadRows('/nonexistent/leads.csv'))).rejects.toThrow('no such file')
  })
})
