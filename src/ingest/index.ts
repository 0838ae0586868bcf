// File importers: CSV / NDJSON files → validated leads, events and outcomes, one result per row, plus error reports.
export { IngestError } from './ingest-error.js'
export type { RowResult, RejectedRow } from './row-result.js'
export { checkImportFile, detectFormat, type FileFormat, type ReadOptions } from './record-reader.js'
export { readLeadRows, parseLeadRecord, leadFromInput, MAX_ATTRIBUTES } from './lead-rows.js'
export { readEventRows, parseEventRecord, type EventReadOptions } from './event-rows.js'
export { readOutcomeRows, parseOutcomeRecord } from './outcome-rows.js'
export { DEFAULT_MAX_LINE_BYTES } from './line-reader.js'
export { parseTimestamp } from './field-values.js'
export { createCsvFileWriter, neutraliseFormula, type CsvCell, type CsvFileWriter } from './csv-writer.js'
export { openErrorReport, writeErrorReport, type ErrorReport } from './error-report.js'
export {
  mapSegmentMessage,
  eventTypeOf,
  segmentTimestamp,
  snakeCase,
  ANONYMOUS_LEAD_PREFIX,
  SEGMENT_EVENT_ALIASES,
  type SegmentContext,
  type SegmentMessage,
  type SegmentOperation,
} from './segment.js'
