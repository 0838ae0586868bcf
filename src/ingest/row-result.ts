// What every reader yields per row: the validated value, or the reason the row was rejected.

/** One row of an import file; `line` is where the row starts (the CSV header is line 1). */
export type RowResult<T> =
  | { line: number; ok: true; value: T; raw: string }
  | { line: number; ok: false; reason: string; raw: string }

/** A rejected row or item, as written to the error report. */
export interface RejectedRow {
  line: number
  reason: string
  raw: string
}
