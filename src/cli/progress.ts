// Progress of long commands on stderr: a bar for a person at a terminal, periodic lines for logs and pipes.
import { SingleBar } from 'cli-progress'
import type { TextSink } from './context.js'

export interface Progress {
  /** Reports `done` of `total` (total may grow as a streamed file turns out longer). */
  update(done: number, total?: number): void
  /** Finishes the bar. */
  stop(): void
}

export interface ProgressOptions {
  /** What is being counted, e.g. `leads`. */
  label: string
  /** Expected total, when known. */
  total?: number | undefined
  /** Without a terminal, print a line at most every this many items. Default: 5000. */
  lineEvery?: number | undefined
}

/** A cli-progress bar when `sink` is a terminal, otherwise a line every `lineEvery` items. */
export function startProgress(sink: TextSink, options: ProgressOptions): Progress {
  if (sink.isTTY === true) return startBar(sink, options)
  const every = options.lineEvery ?? 5000
  let printed = 0
  let lastTotal = options.total
  return {
    update(done, total) {
      lastTotal = total ?? lastTotal
      if (done - printed < every) return
      printed = done
      sink.write(`${options.label}: ${done}${lastTotal === undefined ? '' : ` of ${lastTotal}`}\n`)
    },
    stop() {
      // The command's summary follows; a last progress line would repeat it.
    },
  }
}

function startBar(sink: TextSink, options: ProgressOptions): Progress {
  const bar = new SingleBar({
    stream: sink as NodeJS.WritableStream,
    format: `${options.label} [{bar}] {percentage}% | {value}/{total}`,
    hideCursor: true,
    clearOnComplete: false,
  })
  let total = Math.max(options.total ?? 0, 1)
  bar.start(total, 0)
  return {
    update(done, newTotal) {
      const wanted = Math.max(newTotal ?? total, done, 1)
      if (wanted !== total) {
        total = wanted
        bar.setTotal(total)
      }
      bar.update(done)
    },
    stop() {
      bar.stop()
    },
  }
}
