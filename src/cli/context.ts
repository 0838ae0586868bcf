// What a command gets from the outside world: where to write, the environment and the clock.
import type { EpochMs } from '../core/index.js'

/** Somewhere text goes: process.stdout / stderr, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown
  /** True when a person is watching (progress bars instead of progress lines). */
  isTTY?: boolean | undefined
}

/** The process's streams, environment and clock, handed in so tests can run the CLI in-process. */
export interface CliIo {
  stdout: TextSink
  stderr: TextSink
  env: Readonly<Record<string, string | undefined>>
  /** The clock. Default: Date.now. */
  now?: (() => EpochMs) | undefined
}

/** The real process streams, environment and clock. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, now: Date.now }
}

/** The current time by `io`'s clock. */
export function nowOf(io: CliIo): EpochMs {
  return (io.now ?? Date.now)()
}
