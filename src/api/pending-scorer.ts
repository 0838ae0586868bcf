// Scores in the background the leads that batch intake stored as pending: each lead once per drain, not once per call.
import type { EpochMs } from '../core/index.js'
import type { ActiveModel, Store } from '../store/index.js'

export interface PendingScorerOptions {
  store: Store
  /** The active model, read at every drain. */
  model: () => ActiveModel
  now: () => EpochMs
  /** How long a drain waits after being scheduled, so that calls arriving together are scored together. Default: 25 ms. */
  delayMs?: number | undefined
  /** Told about a drain that failed; the leads stay pending and the next schedule retries them. */
  onError?: ((error: unknown) => void) | undefined
  /** Told how many leads each drain scored. */
  onDrained?: ((result: { leads: number; changed: number; seconds: number }) => void) | undefined
}

/**
 * The write path's second half for batch intake: `POST /v1/events` batches and Segment batches store their
 * events with `deferScoring` (fast, durable: the touched leads are recorded as pending in the same
 * transaction) and call `schedule()`; the scorer drains the pending leads soon after with
 * `store.rescorePending`, which scores each lead once however many calls touched it.
 */
export interface PendingScorer {
  /** Asks for a drain soon; calls made while one is waiting or running are folded into the next. */
  schedule(): void
  /** Resolves once no drain is waiting or running (tests; shutdown). */
  idle(): Promise<void>
  /** Stops scheduling and waits for the drain in progress. Leads still pending are scored at the next start. */
  close(): Promise<void>
}

export function createPendingScorer(options: PendingScorerOptions): PendingScorer {
  const delayMs = options.delayMs ?? 25
  let timer: NodeJS.Timeout | null = null
  let running: Promise<void> | null = null
  let again = false
  let closed = false
  let waiters: (() => void)[] = []

  const settle = (): void => {
    if (timer !== null || running !== null) return
    const done = waiters
    waiters = []
    for (const resolve of done) resolve()
  }

  const drain = async (): Promise<void> => {
    do {
      again = false
      const started = performance.now()
      try {
        const result = await options.store.rescorePending(options.model(), options.now())
        if (result.leads > 0) options.onDrained?.({ ...result, seconds: (performance.now() - started) / 1000 })
      } catch (error) {
        options.onError?.(error)
      }
    } while (again && !closed)
  }

  const start = (): void => {
    timer = null
    running = drain().finally(() => {
      running = null
      settle()
    })
  }

  return {
    schedule() {
      if (closed) return
      if (running !== null) {
        again = true
        return
      }
      if (timer === null) {
        timer = setTimeout(start, delayMs)
        timer.unref()
      }
    },
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve)
        settle()
      })
    },
    async close() {
      closed = true
      if (timer !== null) {
        clearTimeout(timer)
        timer = null
      }
      await running
      settle()
    },
  }
}
