// The dense dataset models train on: a row-major matrix (NaN = missing) and 0/1 labels.

/**
 * Features and labels of a binary problem. `x[row * cols + col]` is one value; NaN means missing.
 */
export interface Dataset {
  /** Number of rows (examples). */
  rows: number
  /** Number of feature columns. */
  cols: number
  /** Row-major values, length `rows * cols`. */
  x: Float64Array
  /** One name per column, e.g. `age` or `job=admin.`. */
  names: string[]
  /** 1 = converted (positive), 0 = not converted; length `rows`. */
  y: Uint8Array
}

/** Builds a dataset, checking that the shapes agree. */
export function createDataset(x: Float64Array, names: string[], y: Uint8Array): Dataset {
  const cols = names.length
  const rows = y.length
  if (x.length !== rows * cols) {
    const expected = `${rows} rows × ${cols} columns`
    throw new RangeError(`dataset: x has ${x.length} values, expected ${expected}`)
  }
  return { rows, cols, x, names, y }
}

/** The rows at `indices`, in that order, as a new dataset. */
export function selectRows(dataset: Dataset, indices: ArrayLike<number>): Dataset {
  const { cols } = dataset
  const x = new Float64Array(indices.length * cols)
  const y = new Uint8Array(indices.length)
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i]!
    x.set(dataset.x.subarray(row * cols, row * cols + cols), i * cols)
    y[i] = dataset.y[row]!
  }
  return { rows: indices.length, cols, x, names: dataset.names, y }
}

/** One row's values (a view, not a copy). */
export function rowOf(dataset: Dataset, row: number): Float64Array {
  return dataset.x.subarray(row * dataset.cols, (row + 1) * dataset.cols)
}

/** Number of labels equal to 1. */
export function countPositives(y: ArrayLike<number>): number {
  let positives = 0
  for (let i = 0; i < y.length; i++) if (y[i] === 1) positives++
  return positives
}
