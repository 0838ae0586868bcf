// The one error type commands throw for problems the user can fix: a message, a hint and an exit code.
import { resolve } from 'node:path'

/** Exit codes: 1 for user errors (bad file, unknown lead), 2 for usage errors (bad flags or arguments). */
export type ExitCode = 1 | 2

/** A failure shown as `error: <message>` plus `hint: <hint>`, without a stack trace unless --verbose. */
export class CliError extends Error {
  readonly hint: string | undefined
  readonly exitCode: ExitCode

  constructor(message: string, options: { hint?: string | undefined; exitCode?: ExitCode } = {}) {
    super(message)
    this.name = 'CliError'
    this.hint = options.hint
    this.exitCode = options.exitCode ?? 1
  }
}

/** Throws a usage error when two of the named files are the same, so an output never overwrites an input. */
export function assertDistinctPaths(paths: Readonly<Record<string, string | undefined>>): void {
  const seen = new Map<string, string>()
  for (const [flag, path] of Object.entries(paths)) {
    if (path === undefined) continue
    const earlier = seen.get(resolve(path))
    if (earlier !== undefined) {
      throw new CliError(`${earlier} and ${flag} name the same file '${path}'`, {
        hint: 'write outputs to a different file than the inputs',
        exitCode: 2,
      })
    }
    seen.set(resolve(path), flag)
  }
}
