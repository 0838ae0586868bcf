// The built-in domain lists a model can name (free_mail, disposable), loaded once and shared.
import freeEmailDomains from 'free-email-domains'
import { disposableEmailBlocklist } from 'disposable-email-domains-js'
import { FrozenSet } from './frozen.js'

/** List names every model knows; a model's own `lists` may not reuse them. */
export const BUILT_IN_LIST_NAMES = ['free_mail', 'disposable'] as const
export type BuiltInListName = (typeof BUILT_IN_LIST_NAMES)[number]

const cache = new Map<BuiltInListName, ReadonlySet<string>>()

/** The lower-cased domains of a built-in list. */
export function builtInDomains(name: BuiltInListName): ReadonlySet<string> {
  let domains = cache.get(name)
  if (domains === undefined) {
    const source = name === 'free_mail' ? freeEmailDomains : disposableEmailBlocklist()
    domains = new FrozenSet(source.map((domain) => domain.trim().toLowerCase()))
    cache.set(name, domains)
  }
  return domains
}

export function isBuiltInListName(name: string): name is BuiltInListName {
  return (BUILT_IN_LIST_NAMES as readonly string[]).includes(name)
}
