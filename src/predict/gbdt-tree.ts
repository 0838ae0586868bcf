// Grows one regression tree on gradients and hessians from binned data, best-first.
import { MISSING_BIN } from './gbdt-binning.js'
import { findBestSplit, type Histogram, type Split } from './gbdt-split.js'
import type { TrainingMatrix } from './gbdt-training-matrix.js'

/**
 * A fitted tree as flat arrays indexed by node; node 0 is the root, `feature = -1` marks a leaf.
 */
export interface Tree {
  /** Feature tested at each node, or -1 at a leaf. */
  feature: Int32Array
  /** Raw-value threshold: go left when value <= threshold. */
  threshold: Float64Array
  /** The same threshold as a training bin: go left when bin <= thresholdBin. */
  thresholdBin: Uint8Array
  /** 1 when missing values go left. */
  missingLeft: Uint8Array
  left: Int32Array
  right: Int32Array
  /**
   * Leaf value at a leaf; at an inner node, the value it would have as a leaf (for path
   * contributions).
   */
  value: Float64Array
}

/** Shape limits and regularisation of one tree; see `GradientBoostingOptions` for meanings. */
export interface GrowOptions {
  learningRate: number
  maxLeafNodes: number | null
  maxDepth: number | null
  minSamplesLeaf: number
  l2: number
}

interface OpenLeaf {
  node: number
  start: number
  end: number
  g: number
  h: number
  depth: number
  histogram: Histogram | null
  split: Split | null
}

/** A grown tree and, per leaf, the range of `rowIndex` holding its training rows. */
export interface GrownTree {
  tree: Tree
  leaves: { node: number; start: number; end: number }[]
}

/** Grows trees one after another on the same training matrix, reusing its buffers. */
export class TreeGrower {
  /** Training rows, partitioned so each leaf owns a contiguous range. */
  readonly rowIndex: Uint32Array
  private readonly scratch: Uint32Array
  private readonly pool: Histogram[] = []
  private nodes = new NodeList()

  constructor(
    private readonly data: TrainingMatrix,
    private readonly options: GrowOptions,
  ) {
    this.rowIndex = new Uint32Array(data.rows)
    this.scratch = new Uint32Array(data.rows)
  }

  /** Grows one tree fitting the Newton step for gradients `grad` and hessians `hess`. */
  grow(grad: Float64Array, hess: Float64Array): GrownTree {
    const { maxLeafNodes } = this.options
    for (let i = 0; i < this.data.rows; i++) this.rowIndex[i] = i
    this.nodes = new NodeList()
    let g = 0
    let h = 0
    for (let i = 0; i < this.data.rows; i++) {
      g += grad[i]!
      h += hess[i]!
    }
    const root = this.openLeaf(g, h, 0, this.data.rows, 0)
    if (this.canSplit(root)) {
      root.histogram = this.build(root.start, root.end, g, h, grad, hess)
      root.split = this.findSplit(root)
    }
    const leaves = [root]
    while (maxLeafNodes === null || leaves.length < maxLeafNodes) {
      let best = -1
      for (let i = 0; i < leaves.length; i++) {
        const split = leaves[i]!.split
        if (split && (best < 0 || split.gain > leaves[best]!.split!.gain)) best = i
      }
      if (best < 0) break
      const children = this.splitLeaf(leaves[best]!, grad, hess)
      leaves.splice(best, 1, ...children)
    }
    for (const leaf of leaves) this.release(leaf)
    const ranges = leaves.map(({ node, start, end }) => ({ node, start, end }))
    return { tree: this.nodes.toTree(), leaves: ranges }
  }

  private openLeaf(g: number, h: number, start: number, end: number, depth: number): OpenLeaf {
    return { node: this.addNode(g, h), start, end, g, h, depth, histogram: null, split: null }
  }

  private addNode(g: number, h: number): number {
    return this.nodes.add(-this.options.learningRate * (g / (h + this.options.l2)))
  }

  private canSplit(leaf: OpenLeaf): boolean {
    const { maxDepth, minSamplesLeaf } = this.options
    const deepEnough = maxDepth !== null && leaf.depth >= maxDepth
    return !deepEnough && leaf.end - leaf.start >= 2 * minSamplesLeaf
  }

  private take(): Histogram {
    const reused = this.pool.pop()
    if (reused) {
      reused.g.fill(0)
      reused.h.fill(0)
      reused.c.fill(0)
      return reused
    }
    const size = this.data.slotStart[this.data.cols]!
    return { g: new Float64Array(size), h: new Float64Array(size), c: new Float64Array(size) }
  }

  private release(leaf: OpenLeaf): void {
    if (leaf.histogram) this.pool.push(leaf.histogram)
    leaf.histogram = null
    leaf.split = null
  }

  private build(
    start: number,
    end: number,
    sumG: number,
    sumH: number,
    grad: Float64Array,
    hess: Float64Array,
  ): Histogram {
    const histogram = this.take()
    const { g, h, c } = histogram
    const { entryStart, entrySlot, slotStart, defaultSlot, cols } = this.data
    const rowIndex = this.rowIndex
    for (let k = start; k < end; k++) {
      const row = rowIndex[k]!
      const gi = grad[row]!
      const hi = hess[row]!
      const last = entryStart[row + 1]!
      for (let e = entryStart[row]!; e < last; e++) {
        const slot = entrySlot[e]!
        g[slot]! += gi
        h[slot]! += hi
        c[slot]!++
      }
    }
    const count = end - start
    for (let f = 0; f < cols; f++) {
      let sg = 0
      let sh = 0
      let sc = 0
      for (let s = slotStart[f]!; s < slotStart[f + 1]!; s++) {
        sg += g[s]!
        sh += h[s]!
        sc += c[s]!
      }
      const d = defaultSlot[f]!
      g[d] = sumG - sg
      h[d] = sumH - sh
      c[d] = count - sc
    }
    return histogram
  }

  private findSplit(leaf: OpenLeaf): Split | null {
    const node = { histogram: leaf.histogram!, g: leaf.g, h: leaf.h, count: leaf.end - leaf.start }
    return findBestSplit(node, this.data.slotStart, this.options)
  }

  private splitLeaf(leaf: OpenLeaf, grad: Float64Array, hess: Float64Array): [OpenLeaf, OpenLeaf] {
    const split = leaf.split!
    const { cols, bins, binning } = this.data
    const { rowIndex, scratch } = this
    const { feature, bin: lastLeftBin, missingLeft } = split
    let mid = leaf.start
    let rightCount = 0
    for (let k = leaf.start; k < leaf.end; k++) {
      const row = rowIndex[k]!
      const bin = bins[row * cols + feature]!
      if (bin === MISSING_BIN ? missingLeft : bin <= lastLeftBin) rowIndex[mid++] = row
      else scratch[rightCount++] = row
    }
    rowIndex.set(scratch.subarray(0, rightCount), mid)
    const gRight = leaf.g - split.gLeft
    const hRight = leaf.h - split.hLeft
    const depth = leaf.depth + 1
    const left = this.openLeaf(split.gLeft, split.hLeft, leaf.start, mid, depth)
    const right = this.openLeaf(gRight, hRight, mid, leaf.end, depth)
    const edges = binning.edges[split.feature]!
    // A split after the last bin separates missing from present values: every number goes left.
    const threshold = split.bin < edges.length ? edges[split.bin]! : Number.MAX_VALUE
    this.nodes.setSplit(leaf.node, split, threshold, left.node, right.node)

    const leftSplits = this.canSplit(left)
    const rightSplits = this.canSplit(right)
    if (leftSplits || rightSplits) {
      const leftIsSmaller = left.end - left.start <= right.end - right.start
      const [small, large] = leftIsSmaller ? [left, right] : [right, left]
      const smallHistogram = this.build(small.start, small.end, small.g, small.h, grad, hess)
      const parent = leaf.histogram!
      for (let i = 0; i < parent.g.length; i++) {
        parent.g[i]! -= smallHistogram.g[i]!
        parent.h[i]! -= smallHistogram.h[i]!
        parent.c[i]! -= smallHistogram.c[i]!
      }
      small.histogram = smallHistogram
      large.histogram = parent
      leaf.histogram = null
      for (const child of [left, right]) {
        if (this.canSplit(child)) child.split = this.findSplit(child)
        if (!child.split) this.release(child)
      }
    }
    this.release(leaf)
    return [left, right]
  }
}

/** Growable node storage, frozen into a Tree at the end. */
class NodeList {
  private readonly feature: number[] = []
  private readonly threshold: number[] = []
  private readonly thresholdBin: number[] = []
  private readonly missingLeft: number[] = []
  private readonly left: number[] = []
  private readonly right: number[] = []
  private readonly value: number[] = []

  add(value: number): number {
    this.feature.push(-1)
    this.threshold.push(0)
    this.thresholdBin.push(0)
    this.missingLeft.push(0)
    this.left.push(-1)
    this.right.push(-1)
    this.value.push(value)
    return this.value.length - 1
  }

  setSplit(node: number, split: Split, threshold: number, left: number, right: number): void {
    this.feature[node] = split.feature
    this.thresholdBin[node] = split.bin
    this.threshold[node] = threshold
    this.missingLeft[node] = split.missingLeft ? 1 : 0
    this.left[node] = left
    this.right[node] = right
  }

  toTree(): Tree {
    return {
      feature: Int32Array.from(this.feature),
      threshold: Float64Array.from(this.threshold),
      thresholdBin: Uint8Array.from(this.thresholdBin),
      missingLeft: Uint8Array.from(this.missingLeft),
      left: Int32Array.from(this.left),
      right: Int32Array.from(this.right),
      value: Float64Array.from(this.value),
    }
  }
}
