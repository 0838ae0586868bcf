// Deep freezing of the normalised model, so no consumer can change a loaded model by accident.

/** A Set that rejects changes once built: `Object.freeze` alone does not stop `add`. */
export class FrozenSet<T> extends Set<T> {
  private sealed: boolean | undefined

  constructor(values: Iterable<T>) {
    super(values)
    this.sealed = true
  }

  override add(value: T): this {
    // The base constructor calls add() before `sealed` is set.
    if (this.sealed === true) throw new TypeError('this set is frozen')
    return super.add(value)
  }

  override delete(): boolean {
    throw new TypeError('this set is frozen')
  }

  override clear(): void {
    throw new TypeError('this set is frozen')
  }
}

/** Freezes a value and everything reachable from it (objects, arrays, set members, regexes). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  Object.freeze(value)
  if (value instanceof Set) {
    for (const member of value as Set<unknown>) deepFreeze(member)
  } else {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  }
  return value
}
