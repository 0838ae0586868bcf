// HTTP benchmark over loopback: `leadscore serve` on a fresh SQLite file against a trivial fastify route.
import { spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { runLoad, type LoadResult } from './load.js'
import { batchIntakeFloor, type FloorResult } from './batch-floor.js'
import { freePort, spawnListening, stop } from './processes.js'

const BIN = fileURLToPath(new URL('../src/cli/bin.js', import.meta.url))
const NOOP_SERVER = fileURLToPath(new URL('./noop-server.js', import.meta.url))
/** The goal of issue 4: p99 < 10 ms at 2,000 single-event requests/s. */
const TARGET_RATE = 2_000
const SECONDS = 15
const CONNECTIONS = 20
/** Leads the single events are spread over (each event is stored, folded into its lead and the lead rescored). */
const LEADS = 5_000
const BATCH_SIZE = 1_000
const BATCHES = 60
const NOW = Date.now()

/** Starts `node <args>` and resolves once it prints `listening on <url>`. */
async function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const { child, url } = spawnListening(args, env)
  return { child, url: await url }
}

/** Creates an API key with the CLI (as a user would) and returns its secret. */
function createKey(db: string, scope: string): string {
  const run = spawnSync(process.execPath, [BIN, 'keys', 'create', '--scope', scope, '--name', `bench-${scope}`, '--json', '--db', db], {
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`leadscore keys create failed: ${run.stderr}`)
  return (JSON.parse(run.stdout) as { secret: string }).secret
}

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux; NaN elsewhere): on a machine shared with other
 * work, CPU per request is steadier than latency.
 */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    const clockTicksPerSecond = 100
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond
  } catch {
    return Number.NaN
  }
}

let eventCounter = 0
function singleEvent(): string {
  const n = eventCounter++
  return JSON.stringify({
    id: `bench-${n}`,
    lead_id: `lead-${n % LEADS}`,
    type: 'page_view',
    timestamp: new Date(NOW - (n % 3_600) * 1_000).toISOString(),
    properties: { url: n % 5 === 0 ? 'https://acme.io/pricing' : 'https://acme.io/blog' },
  })
}

function batchBody(batch: number): string {
  const events = Array.from({ length: BATCH_SIZE }, (_, index) => {
    const n = batch * BATCH_SIZE + index
    return {
      id: `batch-${n}`,
      lead_id: `batch-lead-${(n * 7919) % 20_000}`,
      type: index % 10 === 0 ? 'email_click' : 'page_view',
      timestamp: new Date(NOW - (n % 86_400) * 1_000).toISOString(),
      properties: { url: 'https://acme.io/docs' },
    }
  })
  return JSON.stringify({ events })
}

/** One line of the table, from either load generator. */
interface Measured {
  seconds: number
  ok: number
  notOk: number
  errors: number
  p50: number
  p99: number
  max: number
}

interface Row {
  workload: string
  target: string
  result: Measured
  /** Server CPU milliseconds per 2xx response. */
  cpuMsPerRequest: number
  extra?: string
}

const fromAutocannon = (result: autocannon.Result): Measured => ({
  seconds: result.duration,
  ok: result['2xx'],
  notOk: result.non2xx,
  errors: result.errors,
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
})

const jsonHeaders = (key: string): Record<string, string> => ({ 'content-type': 'application/json', authorization: `Bearer ${key}` })

/** Single events at `TARGET_RATE` for `SECONDS`, evenly spaced (see `bench/load.ts`). */
function steadyEvents(url: string, key: string, path: string): Promise<LoadResult> {
  return runLoad({
    url,
    path,
    headers: jsonHeaders(key),
    load: { kind: 'rate', rate: TARGET_RATE, seconds: SECONDS },
    connections: CONNECTIONS,
    body: () => singleEvent(),
  })
}

/**
 * The same with autocannon's `overallRate`, which sends each second's quota in a burst at full speed at the start
 * of the second: kept for comparison with the earlier runs and with what a user of autocannon would see.
 */
async function burstyEvents(url: string, key: string, path: string): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    overallRate: TARGET_RATE,
    requests: [{ method: 'POST', path, headers: jsonHeaders(key), setupRequest: (request) => ({ ...request, body: singleEvent() }) }],
  })
}

/** Reads one series from /metrics. */
async function metric(url: string, adminKey: string, series: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${adminKey}` } })).text()
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `))
  return line === undefined ? 0 : Number(line.slice(series.length + 1))
}

const ms = (value: number): string => value.toFixed(2)
const count = (value: number): string => Math.round(value).toLocaleString('en-US')

function table(rows: Row[]): string {
  const lines = [
    '| workload | target req/s | achieved req/s | p50 ms | p99 ms | max ms | server CPU ms / request | 2xx | non-2xx | errors | notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ]
  for (const { workload, target, result, cpuMsPerRequest, extra } of rows) {
    lines.push(
      `| ${workload} | ${target} | ${count(result.ok / result.seconds)} | ${ms(result.p50)} | ${ms(result.p99)} | ${ms(result.max)} | ` +
        `${cpuMsPerRequest.toFixed(3)} | ${count(result.ok)} | ${count(result.notOk)} | ${result.errors} | ${extra ?? ''} |`,
    )
  }
  return lines.join('\n')
}

/** Runs a workload against a server process and measures its CPU per 2xx response. */
async function measured(
  pid: number | undefined,
  row: Omit<Row, 'result' | 'cpuMsPerRequest'>,
  run: () => Promise<Measured>,
): Promise<Row> {
  const cpuBefore = cpuSeconds(pid)
  const result = await run()
  return { ...row, result, cpuMsPerRequest: ((cpuSeconds(pid) - cpuBefore) * 1000) / result.ok }
}

/** Runs the workloads and returns Markdown. */
export async function runHttpBench(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'leadscore-http-bench-'))
  const db = join(directory, 'bench.db')
  const rows: Row[] = []
  const before = loadavg()[0]!
  const bodies = Array.from({ length: BATCHES }, (_, batch) => batchBody(batch))
  let floor: FloorResult | null = null
  const steady = `${count(TARGET_RATE)} steady`
  const bursty = `${count(TARGET_RATE)} in bursts`
  try {
    const writeKey = createKey(db, 'write')
    const adminKey = createKey(db, 'admin')
    const serveEnv = { LEADSCORE_RATE_LIMIT_WRITE: '0', LEADSCORE_RATE_LIMIT_ADMIN: '0', LOG_LEVEL: 'warn' }
    const server = await start([BIN, 'serve', '--db', db, '--host', '127.0.0.1', '--port', String(await freePort())], serveEnv)
    const pid = server.child.pid
    const stored = (): Promise<number> => metric(server.url, adminKey, 'leadscore_events_ingested_total{status="stored"}')
    try {
      process.stderr.write(`leadscore serve at ${server.url}: warming up\n`)
      const warmUp = { kind: 'closed', total: 2_000 } as const
      await runLoad({ url: server.url, path: '/v1/events', headers: jsonHeaders(writeKey), load: warmUp, connections: 4, body: () => singleEvent() })

      process.stderr.write(`single events at ${TARGET_RATE}/s for ${SECONDS} s, steady then in bursts\n`)
      for (const [target, run] of [
        [steady, async () => steadyEvents(server.url, writeKey, '/v1/events')],
        [bursty, async () => fromAutocannon(await burstyEvents(server.url, writeKey, '/v1/events'))],
      ] as const) {
        const storedBefore = await stored()
        const row = await measured(pid, { workload: 'POST /v1/events, one event (stored and scored)', target }, run)
        rows.push({ ...row, extra: `${count((await stored()) - storedBefore)} events stored` })
      }

      process.stderr.write(`batches of ${BATCH_SIZE} events\n`)
      const batchStoredBefore = await stored()
      const batchStart = performance.now()
      let acceptedSeconds = 0
      const row = await measured(pid, { workload: `POST /v1/events, batches of ${count(BATCH_SIZE)}`, target: 'max' }, async () => {
        const result = await runLoad({
          url: server.url,
          path: '/v1/events',
          headers: jsonHeaders(writeKey),
          load: { kind: 'closed', total: BATCHES },
          connections: 2,
          body: (sequence) => bodies[sequence]!,
        })
        acceptedSeconds = (performance.now() - batchStart) / 1000
        // A batch may be accepted before its leads are rescored (scored in the background): the clock stops when
        // the rescoring queue is empty, so the rate is of events stored and scored.
        while ((await metric(server.url, adminKey, 'leadscore_queue_depth{queue="pending_rescores"}')) > 0) {
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
        return result
      })
      const scoredSeconds = (performance.now() - batchStart) / 1000
      const batchStored = (await stored()) - batchStoredBefore
      rows.push({
        ...row,
        extra:
          `${count(batchStored)} events accepted in ${acceptedSeconds.toFixed(2)} s, all scored after ${scoredSeconds.toFixed(2)} s: ` +
          `**${count(batchStored / scoredSeconds)} events/s** stored and scored`,
      })
    } finally {
      await stop(server.child)
    }
    process.stderr.write('the same batches through SQLite alone\n')
    floor = await batchIntakeFloor(db, join(directory, 'floor.db'), bodies)

    const noop = await start([NOOP_SERVER, String(await freePort())], {})
    try {
      process.stderr.write(`trivial fastify route at ${TARGET_RATE}/s for ${SECONDS} s, steady then in bursts\n`)
      const workload = 'POST /noop on plain fastify (baseline)'
      const steadyRow = await measured(noop.child.pid, { workload, target: steady }, () => steadyEvents(noop.url, 'none', '/noop'))
      const burstyRow = await measured(noop.child.pid, { workload, target: bursty }, async () => fromAutocannon(await burstyEvents(noop.url, 'none', '/noop')))
      rows.splice(1, 0, steadyRow)
      rows.splice(3, 0, burstyRow)
    } finally {
      await stop(noop.child)
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
  const after = loadavg()[0]!
  return [
    `### HTTP over loopback (\`bench/http.ts\`)`,
    '',
    `${CONNECTIONS} connections, ${SECONDS} s per single-request workload: "steady" sends one request every ` +
      `${(1000 / TARGET_RATE).toFixed(1)} ms and counts latency from that intended time (\`bench/load.ts\`); "in bursts" is ` +
      `autocannon's \`overallRate\`, which sends each second's quota at full speed at the start of the second. Batches: ` +
      `2 connections, each sending the next batch on the answer to the last. \`leadscore serve\` on a fresh SQLite file ` +
      `(b2b-saas model, rate limits off, LOG_LEVEL=warn), single events spread over ${count(LEADS)} leads. ` +
      `Load average ${before.toFixed(1)} before, ${after.toFixed(1)} after.`,
    '',
    table(rows),
    '',
    floor === null
      ? ''
      : `SQLite alone (\`bench/batch-floor.ts\`): the same ${count(BATCHES)} batches written through the store's prepared ` +
        `statements in the same transactions (events, new leads, pending rows; then the drain's pending reads and deletes, ` +
        `the server's own score rows and ${floor.historyPerEvent.toFixed(2)} history entries per event), with no HTTP, ` +
        `validation or scoring: **${count(floor.events / floor.seconds)} events/s** — the most one SQLite writer does here.`,
    '',
  ].join('\n')
}
