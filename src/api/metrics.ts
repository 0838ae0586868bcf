// Prometheus metrics of one app (its own registry): HTTP requests by route pattern, intake outcomes, scoring time, queues.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { IngestResult, Store, WalCheckpointStats } from '../store/index.js'
import type { ApiInstance } from './instance.js'
import type { RouteAccess } from './route-access.js'

/** Depth of each background queue, by queue name (e.g. `{ decay_sweep: 1200 }`). */
export type QueueDepths = Record<string, number>

/** What an intake outcome is counted as in `leadscore_events_ingested_total`. */
export type IngestStatus = IngestResult['status']

/** What the metrics read from the host besides the store. */
export interface ApiMetricsOptions {
  /** Extra queues to report in `leadscore_queue_depth`, besides the store's pending rescores. */
  queueDepth?: (() => QueueDepths | Promise<QueueDepths>) | undefined
  /** Also collect the Node.js process metrics (heap, event loop lag, GC, ...). Default: false. */
  processMetrics?: boolean | undefined
  /** What the store's background WAL checkpointer has done (SQLite with `backgroundCheckpoints`), or null. */
  walCheckpoints?: (() => WalCheckpointStats | null) | undefined
}

/** What routes report: intake outcomes the store never sees (events rejected before storing). */
export interface IntakeMetrics {
  /** Adds `count` events with `status` to `leadscore_events_ingested_total`. */
  countEvents(status: IngestStatus, count: number): void
}

/** Every metric of one app. */
export interface ApiMetrics extends IntakeMetrics {
  /** The app's own registry: no global state, so several apps (tests) never collide. */
  readonly registry: Registry
  /** `http_requests_total`, by route pattern. */
  readonly requests: Counter<'method' | 'route' | 'status'>
  /** `http_request_duration_seconds`, by route pattern. */
  readonly duration: Histogram<'method' | 'route'>
  /** `leadscore_scoring_seconds`, by store operation. */
  readonly scoring: Histogram<'operation'>
}

const LATENCY_BUCKETS_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** The store calls whose time counts as scoring time, and their `operation` label. */
const TIMED_CALLS = {
  ingestEvents: 'ingest_events',
  upsertLeads: 'upsert_leads',
  rescorePending: 'rescore_pending',
  rescoreAll: 'rescore_all',
  rescoreOutdated: 'rescore_outdated',
} as const satisfies Partial<Record<keyof Store, string>>

/** Creates the registry and every metric; `store` answers the pending-rescore queue depth. */
export function createApiMetrics(store: Store, options: ApiMetricsOptions = {}): ApiMetrics {
  const registry = new Registry()
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry })
  const registers = [registry]
  const events = new Counter({
    name: 'leadscore_events_ingested_total',
    help: 'Events received by intake, by outcome: stored, duplicate (a replayed id) or rejected.',
    labelNames: ['status'],
    registers,
  })
  const queueDepth = options.queueDepth
  new Gauge({
    name: 'leadscore_queue_depth',
    help: 'Work waiting in background queues: leads pending a rescore, leads left in a running decay sweep, ...',
    labelNames: ['queue'],
    registers,
    async collect() {
      this.reset()
      try {
        const depths: QueueDepths = { pending_rescores: await store.countPendingRescores(), ...(await queueDepth?.()) }
        for (const [queue, depth] of Object.entries(depths)) this.set({ queue }, depth)
      } catch {
        // A store that cannot answer reports no queue; /readyz says why, and the scrape still succeeds.
      }
    },
  })
  const walCheckpoints = options.walCheckpoints
  if (walCheckpoints !== undefined) {
    new Counter({
      name: 'leadscore_sqlite_wal_checkpoints_total',
      help: 'Checkpoints of the SQLite WAL run by the background checkpointer, by result: copied (pages copied) or failed.',
      labelNames: ['result'],
      registers,
      collect() {
        const stats = walCheckpoints()
        this.reset()
        if (stats === null) return
        this.inc({ result: 'copied' }, stats.checkpoints)
        this.inc({ result: 'failed' }, stats.errors)
      },
    })
  }
  return {
    registry,
    countEvents: (status, count) => {
      if (count > 0) events.inc({ status }, count)
    },
    requests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route pattern and status code.',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    duration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from receiving a request to sending the response, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    }),
    scoring: new Histogram({
      name: 'leadscore_scoring_seconds',
      help: 'Time spent in store calls that store and score: ingest_events, upsert_leads, rescore_pending, rescore_all, rescore_outdated.',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    }),
  }
}

/**
 * The store with its storing-and-scoring calls timed and its ingest outcomes counted; every other member is the
 * store's own. Routes added later are measured without knowing about metrics.
 */
export function withStoreMetrics(store: Store, metrics: ApiMetrics): Store {
  const { scoring } = metrics
  const timed = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const end = scoring.startTimer({ operation })
    try {
      return await work()
    } finally {
      end()
    }
  }
  const overrides: Partial<Store> = {
    ingestEvents: async (...args) => {
      const results = await timed(TIMED_CALLS.ingestEvents, () => store.ingestEvents(...args))
      const counts = { stored: 0, duplicate: 0, rejected: 0 }
      for (const result of results) counts[result.status]++
      for (const status of ['stored', 'duplicate', 'rejected'] as const) metrics.countEvents(status, counts[status])
      return results
    },
    upsertLeads: (...args) => timed(TIMED_CALLS.upsertLeads, () => store.upsertLeads(...args)),
    rescorePending: (...args) => timed(TIMED_CALLS.rescorePending, () => store.rescorePending(...args)),
    rescoreAll: (...args) => timed(TIMED_CALLS.rescoreAll, () => store.rescoreAll(...args)),
    rescoreOutdated: (...args) => timed(TIMED_CALLS.rescoreOutdated, () => store.rescoreOutdated(...args)),
  }
  const bound = new Map<PropertyKey, unknown>()
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof Store]
      const value: unknown = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      if (!bound.has(property)) bound.set(property, (value as (...args: unknown[]) => unknown).bind(target))
      return bound.get(property)
    },
  })
}

/** Counts and times every response by route pattern (never the raw URL), and serves GET /metrics. */
export function registerMetrics(app: ApiInstance, metrics: ApiMetrics, access: RouteAccess): void {
  const { requests, duration } = metrics
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    requests.inc({ method: request.method, route, status: String(reply.statusCode) })
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000)
    done()
  })
  app.get(
    '/metrics',
    {
      config: { access },
      schema: { tags: ['operations'], summary: 'Prometheus metrics in the text exposition format' },
    },
    async (_request, reply) => {
      void reply.type(metrics.registry.contentType)
      return metrics.registry.metrics()
    },
  )
}
