// Lead list benchmark: `Store.listLeads` pages on a SQLite file with 100,000 scored leads (and a few unscored).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateDemoData } from '../src/demo/index.js'
import { parseModel, readTemplate } from '../src/model/index.js'
import type { LeadQuery } from '../src/store/index.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'

const LEADS = 100_000
const NOW = Date.UTC(2025, 0, 1)
/** Best of this many runs per query: the first pays for preparing the statement. */
const RUNS = 5

/** Runs the benchmark and returns Markdown lines. */
export async function runListBench(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'leadscore-list-bench-'))
  const store = createSqliteStore({ file: join(directory, 'list.db') })
  try {
    const parsed = parseModel(readTemplate('b2b-saas'))
    if (!parsed.ok) throw new Error('the b2b-saas template does not parse')
    const model = { version: 1, checksum: parsed.checksum, model: parsed.model }
    const { leads } = generateDemoData({ seed: 1, leads: LEADS, now: NOW, eventsPerLead: 1 })
    // Upserted in one go, as an import does: every lead has the same updated_at, the worst case for that sort.
    for (let start = 0; start < leads.length; start += 10_000) await store.upsertLeads(leads.slice(start, start + 10_000), model, NOW)
    await store.upsertLeads([{ id: 'unscored-1' }, { id: 'unscored-2' }], null, NOW)
    // As a restart would: the planner's statistics are refreshed when a connection opens.
    store.database.pragma('optimize = 0x10002')
    const first = await store.listLeads({ limit: 50 })
    const queries: [string, LeadQuery][] = [
      ['by score, first page', { limit: 50 }],
      ['by score, next page (cursor)', { limit: 50, after: first.next ?? undefined }],
      ['by score ascending', { limit: 50, descending: false }],
      ['by last update', { limit: 50, sort: 'updated' }],
      ['by fit (no index)', { limit: 50, sort: 'fit' }],
      ['segment filter (cold)', { limit: 50, segment: 'cold' }],
      ['status filter (mql)', { limit: 50, status: 'mql' }],
      ['text search', { limit: 50, text: 'miller' }],
      ['offset 5,000', { limit: 50, offset: 5_000 }],
    ]
    const lines = [
      `### Lead list (\`bench/list.ts\`): ${LEADS.toLocaleString('en-US')} scored leads, SQLite file, 50 rows a page`,
      '',
      '| query | best of 5, ms | matching leads |',
      '| --- | ---: | ---: |',
    ]
    for (const [label, query] of queries) {
      let best = Number.POSITIVE_INFINITY
      let total = 0
      for (let run = 0; run < RUNS; run++) {
        const started = performance.now()
        total = (await store.listLeads(query)).total
        best = Math.min(best, performance.now() - started)
      }
      lines.push(`| ${label} | ${best.toFixed(1)} | ${total.toLocaleString('en-US')} |`)
    }
    return [...lines, ''].join('\n')
  } finally {
    await store.close()
    rmSync(directory, { recursive: true, force: true })
  }
}
