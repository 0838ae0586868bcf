// Binned GBDT training rows plus a sparse index of their non-default bins, for fast histograms.
import { MISSING_BIN, type Binning } from './gbdt-binning.js'

/**
 * Binned training rows plus a sparse index of each row's non-default bins. Histograms add only
 * those entries and recover each feature's most frequent ("default") bin by subtraction from the
 * node totals, which skips most of the work on one-hot and zero-heavy columns.
 */
export interface TrainingMatrix {
  rows: number
  cols: number
  /** Row-major bins; MISSING_BIN marks a missing value. */
  bins: Uint8Array
  binning: Binning
  /**
   * First histogram slot of each feature; feature f owns slots slotStart[f] .. slotStart[f + 1] −
   * 1.
   */
  slotStart: Int32Array
  /** The most frequent slot of each feature. */
  defaultSlot: Int32Array
  /** CSR index over rows of the slots that are not the default. */
  entryStart: Int32Array
  entrySlot: Int32Array
}

/** Builds the training matrix from binned rows. */
export function createTrainingMatrix(
  bins: Uint8Array,
  rows: number,
  binning: Binning,
): TrainingMatrix {
  const cols = binning.edges.length
  const slotStart = new Int32Array(cols + 1)
  for (let f = 0; f < cols; f++) slotStart[f + 1] = slotStart[f]! + binning.edges[f]!.length + 2
  const slotOf = (row: number, f: number): number => {
    const bin = bins[row * cols + f]!
    return slotStart[f]! + (bin === MISSING_BIN ? binning.edges[f]!.length + 1 : bin)
  }
  const counts = new Int32Array(slotStart[cols]!)
  for (let row = 0; row < rows; row++) for (let f = 0; f < cols; f++) counts[slotOf(row, f)]!++
  const defaultSlot = new Int32Array(cols)
  for (let f = 0; f < cols; f++) {
    let best = slotStart[f]!
    for (let s = best + 1; s < slotStart[f + 1]!; s++) if (counts[s]! > counts[best]!) best = s
    defaultSlot[f] = best
  }
  const entryStart = new Int32Array(rows + 1)
  const entries: number[] = []
  for (let row = 0; row < rows; row++) {
    for (let f = 0; f < cols; f++) {
      const slot = slotOf(row, f)
      if (slot !== defaultSlot[f]) entries.push(slot)
    }
    entryStart[row + 1] = entries.length
  }
  const entrySlot = Int32Array.from(entries)
  return { rows, cols, bins, binning, slotStart, defaultSlot, entryStart, entrySlot }
}
