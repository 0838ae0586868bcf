// File-level import failures a user can fix (unsupported file type, missing file, bad header); row problems are values.

/** A whole file cannot be read; per-row problems never throw, they are yielded as rejected rows. */
export class IngestError extends Error {
  constructor(
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'IngestError'
  }
}
