// HTTP/1.1 load over keep-alive sockets: at a constant rate (open loop, in the manner of wrk2) or as fast as the
// server answers (closed loop), timed with a monotonic clock to the microsecond.
//
// autocannon's `overallRate` is a per-second quota: every connection sends back to back until it has made its share
// of the second's requests, then waits for the next second. The server therefore sees a burst at full speed at the
// start of each second, not a steady rate, and autocannon then adds synthetic samples for coordinated omission on
// top. Here each request has an intended send time (start + i / rate) and its latency is counted from that time, so a
// request that waits for a free connection or a late timer is charged for the wait: the numbers are what a client
// sending at a steady rate would see.
//
// autocannon also ends a run at its next one-second sample, so a run of a fixed number of requests lasts a whole
// number of seconds: useless for timing 60 batches that take a second or two. The closed loop here stops at the last
// response.
import { connect, type Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

export interface LoadOptions {
  /** `http://host:port` (HTTP only). */
  url: string
  method?: string
  path: string
  headers: Record<string, string>
  /**
   * `rate`: `rate × seconds` requests spread evenly, latency from each one's intended send time; `closed`: `total`
   * requests, each connection sending the next as soon as it has its answer, latency from the actual send.
   */
  load: { kind: 'rate'; rate: number; seconds: number } | { kind: 'closed'; total: number }
  connections: number
  /** The body of the request with this sequence number. */
  body: (sequence: number) => string
}

export interface LoadResult {
  sent: number
  /** Responses by status class: `2xx` and the rest. */
  ok: number
  notOk: number
  errors: number
  /** Seconds from the first intended send to the last response. */
  seconds: number
  /** Latency percentiles in milliseconds, from each request's intended send time. */
  p50: number
  p90: number
  p99: number
  p999: number
  max: number
}

interface Connection {
  socket: Socket
  buffer: Buffer
  /** Intended send time of the request in flight, or undefined when idle. */
  inFlight: number | undefined
}

const HEADER_END = Buffer.from('\r\n\r\n')

/** Reads one response off the front of `buffer`: its status and length in bytes, or undefined when incomplete. */
function parseResponse(buffer: Buffer): { status: number; length: number } | undefined {
  const headerEnd = buffer.indexOf(HEADER_END)
  if (headerEnd < 0) return undefined
  const head = buffer.toString('latin1', 0, headerEnd)
  const lengthMatch = /\r\ncontent-length: *(\d+)/i.exec(head)
  if (lengthMatch === null) throw new Error(`response without content-length: ${head.slice(0, 200)}`)
  const length = headerEnd + HEADER_END.length + Number(lengthMatch[1])
  if (buffer.length < length) return undefined
  return { status: Number(head.slice(9, 12)), length }
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!
}

/** Sends the requests `options.load` describes and resolves with the latency percentiles. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url)
  const { load } = options
  const total = load.kind === 'rate' ? Math.round(load.rate * load.seconds) : load.total
  const interval = load.kind === 'rate' ? 1000 / load.rate : 0
  const latencies = new Float64Array(total)
  const headerLines = Object.entries({ host: target.host, ...options.headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  const queue: number[] = []
  let queueHead = 0
  let scheduled = 0
  let completed = 0
  let ok = 0
  let notOk = 0
  let errors = 0
  let start = 0
  let lastResponse = 0

  return new Promise((resolve, reject) => {
    const connections: Connection[] = []
    let timer: NodeJS.Timeout | undefined

    const finish = (): void => {
      if (timer !== undefined) clearInterval(timer)
      for (const connection of connections) connection.socket.destroy()
      const sorted = latencies.slice(0, completed).sort()
      resolve({
        sent: scheduled,
        ok,
        notOk,
        errors,
        seconds: (lastResponse - start) / 1000,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        p999: percentile(sorted, 0.999),
        max: percentile(sorted, 1),
      })
    }

    const send = (connection: Connection, sequence: number): void => {
      const body = options.body(sequence)
      connection.inFlight = load.kind === 'rate' ? start + sequence * interval : performance.now()
      connection.socket.write(
        `${options.method ?? 'POST'} ${options.path} HTTP/1.1\r\n${headerLines}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      )
    }

    const dispatch = (connection: Connection): void => {
      if (queueHead < queue.length) send(connection, queue[queueHead++]!)
    }

    const onResponse = (connection: Connection, status: number): void => {
      const now = performance.now()
      latencies[completed++] = now - connection.inFlight!
      lastResponse = now
      connection.inFlight = undefined
      if (status >= 200 && status < 300) ok++
      else notOk++
      if (completed === total) finish()
      else dispatch(connection)
    }

    const tick = (): void => {
      const due = load.kind === 'closed' ? total : Math.min(total, Math.floor((performance.now() - start) / interval) + 1)
      while (scheduled < due) queue.push(scheduled++)
      for (const connection of connections) if (connection.inFlight === undefined) dispatch(connection)
      if (scheduled === total && timer !== undefined) {
        clearInterval(timer)
        timer = undefined
      }
    }

    let open = 0
    for (let index = 0; index < options.connections; index++) {
      const socket = connect({ host: target.hostname, port: Number(target.port), noDelay: true })
      const connection: Connection = { socket, buffer: Buffer.alloc(0), inFlight: undefined }
      connections.push(connection)
      socket.on('data', (chunk: Buffer) => {
        connection.buffer = connection.buffer.length === 0 ? chunk : Buffer.concat([connection.buffer, chunk])
        for (;;) {
          const response = parseResponse(connection.buffer)
          if (response === undefined) break
          connection.buffer = connection.buffer.subarray(response.length)
          onResponse(connection, response.status)
        }
      })
      socket.on('error', (error) => {
        errors++
        reject(error)
      })
      socket.once('connect', () => {
        if (++open === options.connections) {
          start = performance.now()
          timer = setInterval(tick, 1)
          tick()
        }
      })
    }
  })
}
