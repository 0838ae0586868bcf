// Rejects regular expressions that are too long or can backtrack catastrophically, before compiling them.

/** Longest `matches` pattern accepted, in characters. */
export const MAX_PATTERN_LENGTH = 200

/**
 * Compiles a user pattern case-insensitively, or says why it is refused. Refused: patterns over
 * MAX_PATTERN_LENGTH, invalid syntax, and a repeated group that itself contains a repetition
 * (`(a+)+`, `(a*)*`, `(.*)*`, `(\w+\s?)*`), the classic cause of exponential backtracking.
 */
export function compileSafeRegex(pattern: string): { ok: true; regex: RegExp } | { ok: false; message: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      message: `is ${pattern.length} characters long; at most ${MAX_PATTERN_LENGTH} are allowed. Split it into several rules or use contains / starts_with.`,
    }
  }
  let regex: RegExp
  try {
    regex = new RegExp(pattern, 'i')
  } catch (error) {
    return { ok: false, message: `is not a valid regular expression: ${(error as Error).message}. Fix the pattern (in YAML, single-quote it so backslashes stay as written).` }
  }
  const nested = findNestedQuantifier(pattern)
  if (nested !== null) {
    return {
      ok: false,
      message: `has a repeated group that contains a repetition ('${nested}'), which can make matching take forever. Remove the inner or the outer quantifier, e.g. '(ab)+' or '(a+)'.`,
    }
  }
  return { ok: true, regex }
}

/** The first group like `(a+)+` in the pattern, or null. */
export function findNestedQuantifier(pattern: string): string | null {
  // Each open group remembers where it starts and whether something inside it repeats.
  const open: { start: number; repeats: boolean }[] = []
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i]!
    if (ch === '\\') {
      i += 2
      continue
    }
    if (ch === '[') {
      i = skipClass(pattern, i)
      continue
    }
    if (ch === '(') {
      open.push({ start: i, repeats: false })
      i++
      continue
    }
    if (ch === ')') {
      const group = open.pop()
      const quantifier = unboundedQuantifierAt(pattern, i + 1)
      if (group !== undefined && quantifier > 0) {
        if (group.repeats) return pattern.slice(group.start, i + 1 + quantifier)
        for (const outer of open) outer.repeats = true
      }
      i += 1 + quantifier
      continue
    }
    const quantifier = unboundedQuantifierAt(pattern, i)
    if (quantifier > 0) {
      for (const group of open) group.repeats = true
      i += quantifier
      continue
    }
    i++
  }
  return null
}

/** Length of a quantifier that can repeat more than once (`*`, `+`, `{2,}`, `{1,5}`) at `index`, else 0. */
function unboundedQuantifierAt(pattern: string, index: number): number {
  const ch = pattern[index]
  if (ch === '*' || ch === '+') return pattern[index + 1] === '?' ? 2 : 1
  if (ch !== '{') return 0
  const match = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(index))
  if (match === null) return 0
  const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3])
  return max > 1 ? match[0].length : 0
}

function skipClass(pattern: string, index: number): number {
  let i = index + 1
  if (pattern[i] === '^') i++
  if (pattern[i] === ']') i++
  while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1
  return i + 1
}
