// Import benchmark: Store.ingestEvents on a SQLite file against a raw better-sqlite3 insert of the same rows.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { EventInput, LeadInput } from '../src/store/index.js'
import { openSqliteDatabase } from '../src/store/sqlite/sqlite-database.js'
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import { benchModel } from './bench-model.js'

const LEAD_COUNT = 10_000
const EVENT_COUNT = 200_000
const BATCH_SIZE = 5_000
const DAY_MS = 86_400_000
const NOW = Date.UTC(2025, 5, 1)

/** A small seeded generator (mulberry32), so every run imports the same data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** What a lead does in one sitting: event type and page, one after the other a minute or two apart. */
const SESSIONS: [weight: number, steps: [type: string, url?: string][]][] = [
  [30, [['page_view', '/blog/post'], ['page_view', '/blog/other'], ['page_view', '/docs/start']]],
  [20, [['page_view', '/'], ['page_view', '/pricing'], ['page_view', '/pricing'], ['page_view', '/docs/start']]],
  [25, [['email_open'], ['email_click'], ['page_view', '/blog/post']]],
  [10, [['email_open']]],
  [6, [['page_view', '/webinars'], ['webinar'], ['download'], ['page_view', '/pricing']]],
  [4, [['page_view', '/pricing'], ['form_submit'], ['demo_request']]],
  [2, [['page_view', '/pricing'], ['trial_signup'], ['custom'], ['custom'], ['custom']]],
  [2, [['page_view', '/careers'], ['page_view', '/careers/jobs']]],
  [1, [['email_open'], ['unsubscribe']]],
]

/** A lead event as a client would send it: by lead id, with the email for leads it creates. */
function syntheticEvent(index: number, lead: number, type: string, url: string | undefined, timestamp: number): EventInput {
  return {
    id: `ev-${index}`,
    leadId: `lead-${lead}`,
    email: `person${lead}@company${lead % 700}.com`,
    type,
    timestamp,
    properties: url === undefined ? { campaign: `c${lead % 12}` } : { url: `https://acme.io${url}`, referrer: 'https://google.com' },
  }
}

/**
 * Realistic intake: leads act in sessions (a visit, an email read) spread over 90 days, and the file
 * is in time order, as exports from analytics and marketing tools are.
 */
export function generateSessionEvents(count = EVENT_COUNT, leads = LEAD_COUNT, seed = 42): EventInput[] {
  const random = seededRandom(seed)
  const totalWeight = SESSIONS.reduce((sum, [weight]) => sum + weight, 0)
  const events: EventInput[] = []
  while (events.length < count) {
    let pick = random() * totalWeight
    const [, steps] = SESSIONS.find(([weight]) => (pick -= weight) < 0) ?? SESSIONS[0]!
    const lead = Math.floor(random() * leads)
    let timestamp = NOW - Math.floor(random() * 90 * DAY_MS)
    for (const [type, url] of steps) {
      if (events.length === count) break
      events.push(syntheticEvent(events.length, lead, type, url, timestamp))
      timestamp += 30_000 + Math.floor(random() * 120_000)
    }
  }
  return events.sort((a, b) => a.timestamp - b.timestamp)
}

/** Worst case for batching: every event from a random lead at a random time, so a batch touches most leads. */
export function generateScatteredEvents(count = EVENT_COUNT, leads = LEAD_COUNT, seed = 42): EventInput[] {
  const random = seededRandom(seed)
  const steps = SESSIONS.flatMap(([, sessionSteps]) => sessionSteps)
  return Array.from({ length: count }, (_, index) => {
    const [type, url] = steps[Math.floor(random() * steps.length)]!
    return syntheticEvent(index, Math.floor(random() * leads), type, url, NOW - Math.floor(random() * 90 * DAY_MS))
  })
}

/** Lead profiles for the fit rules, upserted before the import like a CRM sync would. */
function generateLeads(leads = LEAD_COUNT, seed = 7): LeadInput[] {
  const random = seededRandom(seed)
  const titles = ['VP Marketing', 'Head of Sales', 'Engineer', 'Student', 'Director of IT', 'Analyst']
  const countries = ['es', 'us', 'mx', 'fr', 'de']
  return Array.from({ length: leads }, (_, lead) => ({
    id: `lead-${lead}`,
    email: `person${lead}@company${lead % 700}.com`,
    firstName: `Name${lead}`,
    jobTitle: titles[Math.floor(random() * titles.length)],
    country: countries[Math.floor(random() * countries.length)],
    companySize: Math.floor(random() * 2000),
    industry: random() < 0.5 ? 'Software' : 'Retail',
  }))
}

function rate(events: number, ms: number): number {
  return Math.round(events / (ms / 1000))
}

const format = (value: number): string => value.toLocaleString('en-US')

interface Timing {
  storeMs: number
  rawMs: number
  /** Distinct leads rescored, summed over the batches. */
  rescores: number
}

/** Imports `events` through the store and, into a second database, through a raw prepared INSERT. */
async function timeImport(directory: string, name: string, events: EventInput[], leads: LeadInput[]): Promise<Timing> {
  const active = { version: 1, checksum: 'bench', model: benchModel }
  const store = createSqliteStore({ file: join(directory, `${name}-store.db`) })
  await store.upsertLeads(leads, null, NOW)
  let rescores = 0
  const storeStart = performance.now()
  for (let start = 0; start < events.length; start += BATCH_SIZE) {
    const batch = events.slice(start, start + BATCH_SIZE)
    await store.ingestEvents(batch, active, NOW)
    rescores += new Set(batch.map((event) => event.leadId)).size
  }
  const storeMs = performance.now() - storeStart
  await store.close()

  const db = openSqliteDatabase(join(directory, `${name}-raw.db`))
  const insertLead = db.prepare("INSERT INTO leads (id, email, attributes, created_at, updated_at) VALUES (?, ?, '{}', ?, ?)")
  db.transaction(() => leads.forEach((lead) => insertLead.run(lead.id!, lead.email!, NOW, NOW)))()
  const insertEvent = db.prepare(
    'INSERT INTO events (id, lead_id, type, timestamp, properties, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const insertBatch = db.transaction((batch: EventInput[]) => {
    for (const event of batch) {
      insertEvent.run(event.id, event.leadId!, event.type, event.timestamp, JSON.stringify(event.properties), NOW)
    }
  })
  const rawStart = performance.now()
  for (let start = 0; start < events.length; start += BATCH_SIZE) {
    insertBatch(events.slice(start, start + BATCH_SIZE))
  }
  const rawMs = performance.now() - rawStart
  db.close()
  return { storeMs, rawMs, rescores }
}

/** Runs the benchmark and returns its report as Markdown lines. */
export async function runImportBench(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'leadscore-bench-'))
  try {
    const leads = generateLeads()
    const workloads = [
      { name: 'sessions', label: 'sessions in time order (realistic)', events: generateSessionEvents() },
      { name: 'scattered', label: 'scattered: random lead per event (worst case)', events: generateScatteredEvents() },
    ]
    const lines = [
      `## Import: ${format(EVENT_COUNT)} events for ${format(LEAD_COUNT)} leads, batches of ${format(BATCH_SIZE)} (SQLite file, WAL)`,
      '',
      'Store: `ingestEvents` stores, deduplicates, rescores each touched lead once per batch and writes history.',
      'Raw: a prepared better-sqlite3 INSERT of the same rows into an identically created events table.',
      '',
      '| workload | leads rescored | store events/s | raw events/s | store / raw |',
      '| --- | ---: | ---: | ---: | ---: |',
    ]
    for (const workload of workloads) {
      const timing = await timeImport(directory, workload.name, workload.events, leads)
      const storeRate = rate(workload.events.length, timing.storeMs)
      const rawRate = rate(workload.events.length, timing.rawMs)
      lines.push(
        `| ${workload.label} | ${format(timing.rescores)} | ${format(storeRate)} | ${format(rawRate)} | ${(storeRate / rawRate).toFixed(2)}× |`,
      )
    }
    lines.push('', 'Goals: ≥ 50,000 events/s through the store and ≥ 0.50× the raw insert.')
    return lines.join('\n')
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}
