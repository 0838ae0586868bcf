// Rewrites the points of named fit and engagement rules in a model's YAML text, keeping everything else byte for byte.
import { isMap, isScalar, isSeq, parseDocument } from 'yaml'

/**
 * The YAML with `points` of each fit or engagement rule named in `points` replaced. The `yaml` Document
 * API finds each rule's `points` value and its source range; only that range is rewritten, so comments,
 * key order, quoting and flow style stay exactly as written. Rules not named are untouched; a named id that
 * is not a rule with fixed points is returned in `missing`.
 *
 * @example setRulePoints(yaml, new Map([['demo_request', 24]])).yaml
 */
export function setRulePoints(yamlText: string, points: ReadonlyMap<string, number>): { yaml: string; missing: string[] } {
  const document = parseDocument(yamlText)
  if (document.errors.length > 0) throw new SyntaxError(`the model YAML does not parse: ${document.errors[0]!.message}`)
  const edits: { start: number; end: number; text: string }[] = []
  const found = new Set<string>()
  for (const section of ['fit', 'engagement']) {
    const rules = document.get(section, true)
    if (!isSeq(rules)) continue
    for (const rule of rules.items) {
      if (!isMap(rule)) continue
      const id = rule.get('id')
      const value = rule.get('points', true)
      const next = typeof id === 'string' ? points.get(id) : undefined
      if (next === undefined || !isScalar(value) || value.range === undefined || value.range === null) continue
      edits.push({ start: value.range[0], end: value.range[1], text: String(next) })
      found.add(id as string)
    }
  }
  let yaml = yamlText
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    yaml = yaml.slice(0, edit.start) + edit.text + yaml.slice(edit.end)
  }
  return { yaml, missing: [...points.keys()].filter((id) => !found.has(id)) }
}
