// Domain errors a store raises that callers may show to users; the API maps `code` to an HTTP status.

/** Why a store operation was refused. */
export type StoreErrorCode = 'not_found' | 'conflict' | 'invalid'

/** A refusal a user can act on (an unknown model version, a draft that must be published first). */
export class StoreError extends Error {
  constructor(
    /** Stable code: `not_found` (no such record), `conflict` (the current state forbids it), `invalid` (bad input). */
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'StoreError'
  }
}
