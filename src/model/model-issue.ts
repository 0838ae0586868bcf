// Problems found in a model file: where they are (line, column, key path) and how they are reported.
import type { YamlLocator } from './yaml-locator.js'

/** One problem in a model file. Errors stop the model from loading; warnings do not. */
export interface ModelIssue {
  severity: 'error' | 'warning'
  /** Key path in the file, e.g. `engagement[2].half_life_days`; empty for the whole document. */
  path: string
  /** 1-based line of the offending key or value. */
  line: number
  /** 1-based column of the offending key or value. */
  column: number
  /** What is wrong and what to do about it. */
  message: string
}

/** A key path as segments: map keys are strings, list indexes numbers. */
export type KeyPath = readonly (string | number)[]

/** `['engagement', 2, 'half_life_days']` → `engagement[2].half_life_days`. */
export function formatKeyPath(path: KeyPath): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text += text === '' ? segment : `.${segment}`
  }
  return text
}

/**
 * One line per issue, as compilers print them.
 *
 * @example formatIssue('model.yaml', issue)
 * // model.yaml:14:7 engagement[2].half_life_days: must be > 0 (got -3). Use a positive number of days or remove it.
 */
export function formatIssue(file: string, issue: ModelIssue): string {
  const where = issue.path === '' ? '' : ` ${issue.path}:`
  const prefix = issue.severity === 'warning' ? ' warning:' : ''
  return `${file}:${issue.line}:${issue.column}${where}${prefix} ${issue.message}`
}

/** Collects issues, placing each at the YAML node of its key path. */
export class IssueCollector {
  readonly errors: ModelIssue[] = []
  readonly warnings: ModelIssue[] = []
  /** Paths whose value does not have the shape the schema asks for. */
  private readonly brokenPaths: string[] = []

  constructor(private readonly locator: YamlLocator) {}

  /** An error at the value of `path` (or at its key, for unknown keys). */
  error(path: KeyPath, message: string, at: 'value' | 'key' = 'value'): void {
    const position = this.locator.locate(path, at)
    this.push('error', path, message, position)
  }

  warning(path: KeyPath, message: string, at: 'value' | 'key' = 'value'): void {
    this.push('warning', path, message, this.locator.locate(path, at))
  }

  /** An error at an exact position, e.g. inside an expression string. */
  errorAt(path: KeyPath, message: string, position: { line: number; column: number }): void {
    this.push('error', path, message, position)
  }

  /** Records that the value at `path` is malformed, so later checks skip it instead of misreading it. */
  markBroken(path: KeyPath): void {
    this.brokenPaths.push(formatKeyPath(path))
  }

  /** True when the value at `path`, anything below it, or one of its ancestors is malformed. */
  isBroken(path: KeyPath): boolean {
    const target = formatKeyPath(path)
    return this.brokenPaths.some((broken) => contains(target, broken) || contains(broken, target))
  }

  private push(
    severity: ModelIssue['severity'],
    path: KeyPath,
    message: string,
    position: { line: number; column: number },
  ): void {
    const issue: ModelIssue = { severity, path: formatKeyPath(path), ...position, message }
    if (severity === 'error') this.errors.push(issue)
    else this.warnings.push(issue)
  }
}

/** True when `inner` is `outer` or lies below it. */
function contains(outer: string, inner: string): boolean {
  return outer === '' || inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`)
}
