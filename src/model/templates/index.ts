// The model templates shipped with leadscore, by name.
import { B2B_SAAS_TEMPLATE } from './b2b-saas.js'
import { ECOMMERCE_TEMPLATE } from './ecommerce.js'

const TEMPLATES: Readonly<Record<string, string>> = {
  'b2b-saas': B2B_SAAS_TEMPLATE,
  ecommerce: ECOMMERCE_TEMPLATE,
}

/** Names of the shipped templates: `['b2b-saas', 'ecommerce']`. */
export function listTemplates(): string[] {
  return Object.keys(TEMPLATES)
}

/** The YAML text of a template. Throws for an unknown name, listing the known ones. */
export function readTemplate(name: string): string {
  const text = Object.hasOwn(TEMPLATES, name) ? TEMPLATES[name] : undefined
  if (text === undefined) {
    throw new Error(`unknown model template '${name}'. Known templates: ${listTemplates().join(', ')}.`)
  }
  return text
}
