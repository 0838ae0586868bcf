// Maps key paths of a parsed YAML document back to line and column, so every issue points at its source.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml'
import type { KeyPath } from './model-issue.js'

export interface SourcePosition {
  line: number
  column: number
}

/** Finds where a key path sits in the YAML text. Paths that do not resolve fall back to their deepest ancestor. */
export class YamlLocator {
  constructor(
    private readonly document: Document | null,
    private readonly lineCounter: LineCounter,
    private readonly text: string,
  ) {}

  /** Position of the value at `path`, or of its key when `at` is 'key'. */
  locate(path: KeyPath, at: 'value' | 'key' = 'value'): SourcePosition {
    const found = this.find(path)
    const node = at === 'key' && found.key !== null && found.complete ? found.key : found.value
    return this.position(node?.range?.[0] ?? 0)
  }

  /** The scalar at `path`, with its source text, for positions inside strings. */
  scalarSource(path: KeyPath): { start: number; source: string } | null {
    const found = this.find(path)
    const node = found.value
    if (!found.complete || node === null || !isScalar(node) || node.range === undefined || node.range === null) {
      return null
    }
    return { start: node.range[0], source: this.text.slice(node.range[0], node.range[1]) }
  }

  position(offset: number): SourcePosition {
    const { line, col } = this.lineCounter.linePos(offset)
    return { line, column: col }
  }

  private find(path: KeyPath): { key: Node | null; value: Node | null; complete: boolean } {
    let value = (this.document?.contents ?? null)
    let key: Node | null = null
    for (const segment of path) {
      if (isMap(value)) {
        const pair = value.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment))
        if (pair === undefined) return { key, value, complete: false }
        key = pair.key as Node
        value = (pair.value as Node | null) ?? key
      } else if (isSeq(value) && typeof segment === 'number') {
        const item = value.items[segment] as Node | undefined
        if (item === undefined) return { key, value, complete: false }
        key = null
        value = item
      } else {
        return { key, value, complete: false }
      }
    }
    return { key, value, complete: true }
  }
}
