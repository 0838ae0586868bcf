import { describe, expect, it } from 'vitest'
import { buildModel, eventRule, glob, inactivityRule } from '../../test/support/model-builder.js'
import { buildLeadState, eventTypeReadsProperties, type FoldedEvent } from './lead-state.js'

describe('eventTypeReadsProperties', () => {
  const model = buildModel({
    engagement: [
      eventRule({ id: 'pricing', eventTypes: ['page_view'], urlPatterns: [glob('*/pricing*')], points: 10 }),
      eventRule({ id: 'long_call', eventTypes: ['call'], where: { kind: 'test', field: 'duration', op: 'gte', value: 300 }, points: 15 }),
      eventRule({ id: 'cart', eventTypes: ['cart_add'], perUnit: { property: 'value', unit: 100, points: 1, max: 20 }, points: 0 }),
      eventRule({ id: 'opens', eventTypes: ['email_open'], points: 2 }),
      inactivityRule({ id: 'idle', eventTypes: [], inactiveDays: 30, points: -10 }),
    ],
  })

  it('is true for a type with URL globs, a property predicate or points per unit', () => {
    expect(eventTypeReadsProperties(model, 'page_view')).toBe(true)
    expect(eventTypeReadsProperties(model, 'call')).toBe(true)
    expect(eventTypeReadsProperties(model, 'cart_add')).toBe(true)
  })

  it('is false for a type whose rules match on the type alone, or that no rule names', () => {
    expect(eventTypeReadsProperties(model, 'email_open')).toBe(false)
    expect(eventTypeReadsProperties(model, 'webinar')).toBe(false)
  })

  it('is true for every type when a rule for any type reads properties', () => {
    const anyType = buildModel({ engagement: [eventRule({ id: 'utm', eventTypes: [], where: { kind: 'test', field: 'utm', op: 'exists', value: true }, points: 1 })] })
    expect(eventTypeReadsProperties(anyType, 'email_open')).toBe(true)
  })

  it('folds a type it calls unread the same whatever its properties', () => {
    const events = (properties: Record<string, unknown>): FoldedEvent[] =>
      [1, 2, 3].map((day) => ({ id: `e${day}`, type: 'email_open', timestamp: day * 86_400_000, properties }))
    expect(buildLeadState(events({}), model)).toEqual(buildLeadState(events({ url: '/pricing', duration: 900, value: 5000 }), model))
  })
})
