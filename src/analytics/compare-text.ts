// Code-unit string order, so group and rule ordering is the same on every machine and locale.

/** Negative, zero or positive as `a` sorts before, with or after `b` by UTF-16 code units. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
