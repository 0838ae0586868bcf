import { describe, expect, it } from 'vitest'
import type { EngagementRule, EventRule } from '../core/index.js'
import { parseModel } from './index.js'
import { globToRegex } from './engagement-rules.js'

function rules(yaml: string, header = ''): EngagementRule[] {
  const result = parseModel(`format: 1\nname: t\n${header}engagement:\n${yaml}`)
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'))
  return [...result.model.engagement]
}

function errors(yaml: string): string[] {
  const result = parseModel(`format: 1\nname: t\nengagement:\n${yaml}`)
  return result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`)
}

describe('engagement rules', () => {
  it('normalises an event rule with every option', () => {
    const [rule] = rules(
      "  - { id: pricing, label: Pricing, event: page_view, url: '*/pricing*', where: { field: duration_seconds, gte: 300 }, points: 10, max_per_day: 1, max_total: 5, half_life_days: 14 }\n",
    )
    expect(rule).toMatchObject({
      kind: 'event',
      id: 'pricing',
      label: 'Pricing',
      eventTypes: ['page_view'],
      where: { kind: 'test', field: 'duration_seconds', op: 'gte', value: 300 },
      points: 10,
      perUnit: null,
      maxPerDay: 1,
      maxTotal: 5,
      decay: { kind: 'half_life', halfLifeDays: 14 },
      frequency: null,
    })
    expect((rule as EventRule).urlPatterns.map(String)).toEqual(['/\\/pricing/i'])
  })

  it('compiles URL globs: * any run, ? one character, anchored, case-insensitive', () => {
    const glob = globToRegex('*/pricing?.html')
    expect(glob.test('https://x.io/PRICING1.html')).toBe(true)
    expect(glob.test('https://x.io/pricing.html')).toBe(false)
    expect(glob.test('https://x.io/pricingX.htmlz')).toBe(false)
    expect(globToRegex('a+b(c)').test('a+b(c)')).toBe(true)
    expect(globToRegex('a+b(c)').test('xa+b(c)')).toBe(false)
    const part = globToRegex('*/pricing*')
    expect(part.test('https://x.io/Pricing/team')).toBe(true)
    expect(part.test('https://x.io/blog')).toBe(false)
    expect(globToRegex('https://x.io/*').test('https://x.io/a\nb')).toBe(true)
    expect(globToRegex('https://x.io/*').test('http://x.io/a')).toBe(false)
    expect(globToRegex('*.pdf').test('https://x.io/a.pdf?x=1')).toBe(false)
    expect(globToRegex('*').test('')).toBe(true)
  })

  it('applies the model decay unless the rule sets its own', () => {
    const [inherit, window, none] = rules(
      '  - { id: a, event: call, points: 1 }\n  - { id: b, event: call, points: 1, window_days: 30 }\n  - { id: c, event: call, points: 1, decay: none }\n',
      'decay: { half_life_days: 30 }\n',
    ) as EventRule[]
    expect(inherit!.decay).toEqual({ kind: 'half_life', halfLifeDays: 30 })
    expect(window!.decay).toEqual({ kind: 'window', windowDays: 30 })
    expect(none!.decay).toEqual({ kind: 'none' })
    expect((rules('  - { id: a, event: call, points: 1 }\n')[0] as EventRule).decay).toEqual({ kind: 'none' })
  })

  it('turns points_per into perUnit with 0 fixed points', () => {
    const [rule] = rules('  - { id: cart, event: cart_add, points_per: { property: value, unit: 50, points: 1 } }\n') as EventRule[]
    expect(rule!.points).toBe(0)
    expect(rule!.perUnit).toEqual({ property: 'value', unit: 50, points: 1, max: null })
  })

  it('turns once into maxTotal 1 and keeps frequency', () => {
    const [rule] = rules('  - { id: burst, event: page_view, points: 15, once: true, frequency: { count: 3, within_days: 7 } }\n') as EventRule[]
    expect(rule!.maxTotal).toBe(1)
    expect(rule!.frequency).toEqual({ count: 3, withinDays: 7 })
  })

  it('normalises an inactivity rule', () => {
    expect(rules('  - { id: quiet, inactive_days: 30, points: -10 }\n')[0]).toEqual({
      kind: 'inactivity',
      id: 'quiet',
      label: 'quiet',
      eventTypes: [],
      inactiveDays: 30,
      points: -10,
    })
  })

  it('accepts custom event types declared in event_types', () => {
    expect(rules('  - { id: ext, event: trial_extended, points: 5 }\n', 'event_types: [trial_extended]\n')[0]).toMatchObject({ eventTypes: ['trial_extended'] })
  })

  it('rejects conflicting or missing keys', () => {
    expect(errors('  - { id: a, event: call, points: 1, points_per: { property: v, unit: 1, points: 1 } }\n')).toEqual([
      'engagement[0].points_per: give either points or points_per, not both. Remove one of them.',
    ])
    expect(errors('  - { id: a, event: call }\n')).toEqual([
      'engagement[0].points: is required: add points (per occurrence) or points_per (per unit of an event property).',
    ])
    expect(errors('  - { id: a, event: call, points: 1, once: true, max_total: 3 }\n')).toEqual([
      'engagement[0].max_total: conflicts with once: true, which means max_total: 1. Remove one of them.',
    ])
    expect(errors('  - { id: a, event: call, points: 1, half_life_days: 3, window_days: 4 }\n')).toEqual([
      'engagement[0].window_days: give only one of half_life_days, window_days and decay: none (found half_life_days and window_days). Remove the others.',
    ])
    expect(errors('  - { id: a, inactive_days: 3, points: 1, max_total: 2 }\n')).toEqual([
      'engagement[0].max_total: does not apply to an inactivity rule (one with inactive_days). Remove it, or write a separate event rule.',
    ])
  })

  it('rejects limits that are not positive whole numbers', () => {
    expect(errors('  - { id: a, event: call, points: 1, max_per_day: 1.5 }\n')).toEqual(['engagement[0].max_per_day: must be a whole number (got 1.5).'])
    expect(errors('  - { id: a, event: call, points: 1, max_total: 0 }\n')).toEqual([
      'engagement[0].max_total: must be >= 1 (got 0). Use a whole number of 1 or more, or remove it.',
    ])
  })

  it('warns about a 0-point rule nothing uses, but not when a stage uses it', () => {
    const warn = parseModel('format: 1\nname: t\nengagement:\n  - { id: a, event: call, points: 0 }\n')
    expect(warn.warnings.map((w) => w.path)).toEqual(['engagement[0].points'])
    const used = parseModel('format: 1\nname: t\nengagement:\n  - { id: a, event: call, points: 0 }\nstages:\n  - { stage: decision, rules: [a] }\n')
    expect(used.warnings).toEqual([])
  })
})
