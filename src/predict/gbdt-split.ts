// Best split of one node from its gradient histogram: gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ).

/** Per-slot sums of gradients (g), hessians (h) and row counts (c) of one node. */
export interface Histogram {
  g: Float64Array
  h: Float64Array
  c: Float64Array
}

/** A candidate split: bins <= `bin` of `feature` go left; missing values as `missingLeft` says. */
export interface Split {
  feature: number
  bin: number
  missingLeft: boolean
  gain: number
  gLeft: number
  hLeft: number
  cLeft: number
}

/** The node being split: its histogram and its totals. */
export interface NodeSums {
  histogram: Histogram
  g: number
  h: number
  count: number
}

/** The hessian a child must keep, as in scikit-learn, so leaf values stay bounded. */
const MIN_HESSIAN = 1e-3

/**
 * Scans every feature's bins left to right, trying missing values on each side, and returns the
 * split with the largest positive gain that leaves `minSamplesLeaf` rows on both sides, or null.
 * `slotStart[f]` is feature f's first histogram slot; its last slot holds the missing values.
 */
export function findBestSplit(
  node: NodeSums,
  slotStart: Int32Array,
  options: { l2: number; minSamplesLeaf: number },
): Split | null {
  const { l2, minSamplesLeaf } = options
  const { g, h, c } = node.histogram
  const cols = slotStart.length - 1
  const total = node.count
  const parentScore = (node.g * node.g) / (node.h + l2)
  let best: Split | null = null
  const consider = (
    feature: number,
    bin: number,
    missingLeft: boolean,
    gLeft: number,
    hLeft: number,
    cLeft: number,
  ): void => {
    const cRight = total - cLeft
    const hRight = node.h - hLeft
    if (cLeft < minSamplesLeaf || cRight < minSamplesLeaf) return
    if (hLeft < MIN_HESSIAN || hRight < MIN_HESSIAN) return
    const gRight = node.g - gLeft
    const gain = (gLeft * gLeft) / (hLeft + l2) + (gRight * gRight) / (hRight + l2) - parentScore
    if (gain > 0 && (best === null || gain > best.gain)) {
      best = { feature, bin, missingLeft, gain, gLeft, hLeft, cLeft }
    }
  }
  for (let f = 0; f < cols; f++) {
    const base = slotStart[f]!
    const bins = slotStart[f + 1]! - base - 1
    const missing = base + bins
    const gMissing = g[missing]!
    const hMissing = h[missing]!
    const cMissing = c[missing]!
    let gLeft = 0
    let hLeft = 0
    let cLeft = 0
    for (let t = 0; t < bins; t++) {
      gLeft += g[base + t]!
      hLeft += h[base + t]!
      cLeft += c[base + t]!
      if (t < bins - 1) {
        // Without missing values in this node, send them later to the larger child.
        consider(f, t, cMissing === 0 && cLeft > total - cLeft, gLeft, hLeft, cLeft)
        if (cMissing > 0) {
          consider(f, t, true, gLeft + gMissing, hLeft + hMissing, cLeft + cMissing)
        }
      } else if (cMissing > 0) {
        consider(f, t, false, gLeft, hLeft, cLeft)
      }
    }
  }
  return best
}
