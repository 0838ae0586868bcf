// Group commit for single events: the events of concurrent requests are stored and scored in one transaction.
import type { EventInput, IngestResult } from '../store/index.js'

/** Most events one group commit takes; the rest wait for the next. */
const MAX_GROUP = 1000

interface Waiting {
  event: EventInput
  resolve: (result: IngestResult) => void
  reject: (error: unknown) => void
}

/**
 * Returns `submit(event)`: the event waits until the current turn of the event loop has read every request
 * that arrived together, then all of them go through `ingest` as one call (one transaction, each touched lead
 * rescored once) and each caller gets its own result. Alone, an event waits for nothing (the flush runs in
 * the same turn); under load, the cost of a commit is shared, which keeps latency flat. A failed call
 * rejects every event of its group (none of them was stored: the call is one transaction).
 */
export function createIntakeQueue(ingest: (events: EventInput[]) => Promise<IngestResult[]>): (event: EventInput) => Promise<IngestResult> {
  const queue: Waiting[] = []
  let scheduled = false

  const flush = async (): Promise<void> => {
    scheduled = false
    const group = queue.splice(0, MAX_GROUP)
    if (queue.length > 0) schedule()
    try {
      const results = await ingest(group.map((waiting) => waiting.event))
      group.forEach((waiting, index) => waiting.resolve(results[index]!))
    } catch (error) {
      for (const waiting of group) waiting.reject(error)
    }
  }
  const schedule = (): void => {
    if (scheduled) return
    scheduled = true
    setImmediate(() => void flush())
  }

  return (event) =>
    new Promise<IngestResult>((resolve, reject) => {
      queue.push({ event, resolve, reject })
      schedule()
    })
}
