// HTTP benchmark over loopback: `leadscore serve` on a fresh SQLite file against a trivial fastify route, with autocannon.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

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

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** Starts `node <args>` and resolves once it prints `listening on <url>`. */
function start(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match !== null) resolve({ child, url: match[1]! })
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)))
  })
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.removeAllListeners('exit')
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
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

interface Row {
  workload: string
  result: autocannon.Result
  /** Server CPU milliseconds per 2xx response. */
  cpuMsPerRequest: number
  extra?: string
}

async function singleEvents(url: string, key: string, path: string, overallRate: number | undefined): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(overallRate === undefined ? {} : { overallRate }),
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        setupRequest: (request) => ({ ...request, body: singleEvent() }),
      },
    ],
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
  for (const { workload, result, cpuMsPerRequest, extra } of rows) {
    const achieved = result['2xx'] / result.duration
    lines.push(
      `| ${workload} | ${workload.includes('batch') ? 'max' : count(TARGET_RATE)} | ${count(achieved)} | ${ms(result.latency.p50)} | ` +
        `${ms(result.latency.p99)} | ${ms(result.latency.max)} | ${cpuMsPerRequest.toFixed(3)} | ${count(result['2xx'])} | ${count(result.non2xx)} | ${result.errors} | ${extra ?? ''} |`,
    )
  }
  return lines.join('\n')
}

/** Runs the three workloads and returns Markdown. */
export async function runHttpBench(): Promise<string> {
  const directory = mkdtempSync(join(tmpdir(), 'leadscore-http-bench-'))
  const db = join(directory, 'bench.db')
  const rows: Row[] = []
  const before = loadavg()[0]!
  try {
    const writeKey = createKey(db, 'write')
    const adminKey = createKey(db, 'admin')
    const serveEnv = { LEADSCORE_RATE_LIMIT_WRITE: '0', LEADSCORE_RATE_LIMIT_ADMIN: '0', LOG_LEVEL: 'warn' }
    const server = await start([BIN, 'serve', '--db', db, '--host', '127.0.0.1', '--port', String(await freePort())], serveEnv)
    try {
      process.stderr.write(`leadscore serve at ${server.url}: warming up\n`)
      await autocannon({ url: server.url, connections: 4, amount: 2_000, requests: [{ method: 'POST', path: '/v1/events', headers: { 'content-type': 'application/json', authorization: `Bearer ${writeKey}` }, setupRequest: (request) => ({ ...request, body: singleEvent() }) }] })
      const storedBefore = await metric(server.url, adminKey, 'leadscore_events_ingested_total{status="stored"}')
      process.stderr.write(`single events at ${TARGET_RATE}/s for ${SECONDS} s\n`)
      let cpuBefore = cpuSeconds(server.child.pid)
      const single = await singleEvents(server.url, writeKey, '/v1/events', TARGET_RATE)
      const singleCpuMs = ((cpuSeconds(server.child.pid) - cpuBefore) * 1000) / single['2xx']
      const stored = (await metric(server.url, adminKey, 'leadscore_events_ingested_total{status="stored"}')) - storedBefore
      rows.push({
        workload: 'POST /v1/events, one event (stored and scored)',
        result: single,
        cpuMsPerRequest: singleCpuMs,
        extra: `${count(stored)} events stored`,
      })

      process.stderr.write(`batches of ${BATCH_SIZE} events\n`)
      const bodies = Array.from({ length: BATCHES }, (_, batch) => batchBody(batch))
      let next = 0
      const batchStoredBefore = await metric(server.url, adminKey, 'leadscore_events_ingested_total{status="stored"}')
      cpuBefore = cpuSeconds(server.child.pid)
      const batches = await autocannon({
        url: server.url,
        connections: 2,
        amount: BATCHES,
        timeout: 120,
        requests: [
          {
            method: 'POST',
            path: '/v1/events',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${writeKey}` },
            setupRequest: (request) => ({ ...request, body: bodies[next++ % BATCHES]! }),
          },
        ],
      })
      // A batch may be accepted before its leads are rescored (scored in the background): the clock stops when
      // the rescoring queue is empty, so the rate is of events stored and scored.
      while ((await metric(server.url, adminKey, 'leadscore_queue_depth{queue="pending_rescores"}')) > 0) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const scoredAt = Date.now()
      const batchCpuMs = ((cpuSeconds(server.child.pid) - cpuBefore) * 1000) / batches['2xx']
      const batchStored = (await metric(server.url, adminKey, 'leadscore_events_ingested_total{status="stored"}')) - batchStoredBefore
      const acceptedSeconds = (batches.finish.getTime() - batches.start.getTime()) / 1000
      const scoredSeconds = (scoredAt - batches.start.getTime()) / 1000
      rows.push({
        workload: `POST /v1/events, batches of ${BATCH_SIZE.toLocaleString('en-US')}`,
        result: batches,
        cpuMsPerRequest: batchCpuMs,
        extra:
          `${count(batchStored)} events accepted in ${acceptedSeconds.toFixed(1)} s, all scored after ${scoredSeconds.toFixed(1)} s: ` +
          `**${count(batchStored / scoredSeconds)} events/s** stored and scored`,
      })
    } finally {
      await stop(server.child)
    }

    const noop = await start([NOOP_SERVER, String(await freePort())], {})
    try {
      process.stderr.write(`trivial fastify route at ${TARGET_RATE}/s for ${SECONDS} s\n`)
      const cpuBefore = cpuSeconds(noop.child.pid)
      const result = await singleEvents(noop.url, 'none', '/noop', TARGET_RATE)
      const cpuMsPerRequest = ((cpuSeconds(noop.child.pid) - cpuBefore) * 1000) / result['2xx']
      rows.splice(1, 0, { workload: 'POST /noop on plain fastify (baseline)', result, cpuMsPerRequest })
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
    `autocannon, ${CONNECTIONS} connections, ${SECONDS} s at a fixed overall rate for single requests; \`leadscore serve\` on a fresh ` +
      `SQLite file (b2b-saas model, rate limits off, LOG_LEVEL=warn), events spread over ${count(LEADS)} leads. ` +
      `Load average ${before.toFixed(1)} before, ${after.toFixed(1)} after.`,
    '',
    table(rows),
    '',
  ].join('\n')
}
