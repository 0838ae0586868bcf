// The one error the reports raise for problems a caller can fix; the API and the CLI map its code.

/**
 * Why a report cannot be produced: an unknown lead or model version (`not_found`), bad input (`invalid`), a
 * stored model that no longer validates (`conflict`), or too few outcomes (`not_enough_data`).
 */
export type ReportErrorCode = 'not_found' | 'invalid' | 'conflict' | 'not_enough_data'

/** A report refused with a stable code and a message that says what to do. */
export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ReportError'
  }
}
