import { describe, expect, it } from 'vitest'
import { EVENT_TYPES } from '../core/index.js'
import { eventTypeOf, mapSegmentMessage, segmentTimestamp, snakeCase, type SegmentContext } from './segment.js'

const NOW = Date.UTC(2026, 5, 1, 12)
const context: SegmentContext = {
  eventTypes: new Set([...EVENT_TYPES, 'trial_extended']),
  receivedAt: NOW,
  fallbackMessageId: 'generated',
}

describe('Segment mapping', () => {
  it('snake-cases event names', () => {
    expect(snakeCase('Demo Requested')).toBe('demo_requested')
    expect(snakeCase('trialExtended')).toBe('trial_extended')
    expect(snakeCase('  Page--View! ')).toBe('page_view')
  })

  it('maps track names to built-in, standard-spec, model-declared or custom types', () => {
    expect(eventTypeOf('Demo Request', context.eventTypes)).toBe('demo_request')
    expect(eventTypeOf('Demo Requested', context.eventTypes)).toBe('demo_request')
    expect(eventTypeOf('Order Completed', context.eventTypes)).toBe('purchase')
    expect(eventTypeOf('Trial Extended', context.eventTypes)).toBe('trial_extended')
    expect(eventTypeOf('Watched Intro Video', context.eventTypes)).toBe('custom')
  })

  it('takes timestamp as given, corrects originalTimestamp by sentAt, and defaults to the arrival time', () => {
    expect(segmentTimestamp({ type: 'track', timestamp: '2026-05-01T00:00:00Z' }, context)).toEqual({
      ok: true,
      value: Date.UTC(2026, 4, 1),
    })
    // The device clock runs 10 minutes fast: it said 12:10 when sending an event it stamped 12:05.
    const skewed = segmentTimestamp(
      { type: 'track', originalTimestamp: '2026-06-01T12:05:00Z' },
      { ...context, batchSentAt: '2026-06-01T12:10:00Z' },
    )
    expect(skewed).toEqual({ ok: true, value: NOW - 5 * 60_000 })
    expect(segmentTimestamp({ type: 'track', originalTimestamp: '2026-06-01T11:00:00Z' }, context)).toEqual({
      ok: true,
      value: NOW - 3_600_000,
    })
    expect(segmentTimestamp({ type: 'track' }, context)).toEqual({ ok: true, value: NOW })
    expect(segmentTimestamp({ type: 'track', timestamp: 'last tuesday' }, context).ok).toBe(false)
  })

  it('maps identify traits to lead fields, company fields, and custom attributes; both ids ask for a merge', () => {
    const mapped = mapSegmentMessage(
      {
        type: 'identify',
        userId: 'u1',
        anonymousId: 'a1',
        traits: {
          id: 'ignored',
          email: 'Ana@Acme.io',
          name: 'Ana María García',
          title: 'VP Marketing',
          company: { name: 'Acme', industry: 'Software', employee_count: 250, plan: 'enterprise', website: 'https://www.acme.io/' },
          address: { country: 'ES', city: 'Madrid' },
          favouriteColour: 'teal',
        },
      },
      context,
    )
    expect(mapped).toEqual({
      ok: true,
      value: {
        leadId: 'u1',
        mergeFrom: ['anon:a1'],
        lead: {
          id: 'u1',
          email: 'ana@acme.io',
          firstName: 'Ana',
          lastName: 'María García',
          jobTitle: 'VP Marketing',
          companyName: 'Acme',
          industry: 'Software',
          companySize: 250,
          companyDomain: 'www.acme.io',
          country: 'ES',
          attributes: { address: { country: 'ES', city: 'Madrid' }, favouriteColour: 'teal', company: { plan: 'enterprise' } },
        },
      },
    })
  })

  it('stores anonymous activity on anon:<anonymousId> and page details from context.page', () => {
    const mapped = mapSegmentMessage(
      {
        type: 'page',
        messageId: 'm1',
        anonymousId: 'a1',
        name: 'Pricing',
        context: { page: { url: 'https://acme.io/pricing', path: '/pricing', title: 'Pricing' } },
        timestamp: NOW,
      },
      context,
    )
    expect(mapped).toEqual({
      ok: true,
      value: {
        leadId: 'anon:a1',
        event: {
          id: 'm1',
          leadId: 'anon:a1',
          type: 'page_view',
          timestamp: NOW,
          properties: { name: 'Pricing', url: 'https://acme.io/pricing', path: '/pricing', title: 'Pricing' },
        },
      },
    })
  })

  it('keeps the track name as a property and sets group traits as company fields', () => {
    const track = mapSegmentMessage({ type: 'track', userId: 'u1', event: 'Watched Intro', properties: { seconds: 40 } }, context)
    expect(track.ok && track.value.event).toMatchObject({ id: 'generated', type: 'custom', properties: { event: 'Watched Intro', seconds: 40 } })
    const group = mapSegmentMessage({ type: 'group', userId: 'u1', groupId: 'g9', traits: { name: 'Globex', employees: 5000, tier: 'gold' } }, context)
    expect(group.ok && group.value.lead).toEqual({
      id: 'u1',
      companyName: 'Globex',
      companySize: 5000,
      attributes: { group_id: 'g9', company: { tier: 'gold' } },
    })
  })

  it('says what is wrong with a message it cannot take', () => {
    const reason = (message: Parameters<typeof mapSegmentMessage>[0]) => {
      const mapped = mapSegmentMessage(message, context)
      return mapped.ok ? null : mapped.reason
    }
    expect(reason({ type: 'track', event: 'Clicked' })).toMatch(/userId or anonymousId is required/)
    expect(reason({ type: 'track', userId: 'u1' })).toMatch(/event .* is required/)
    expect(reason({ type: 'reset', userId: 'u1' })).toMatch(/not supported/)
    expect(reason({ type: 'alias', userId: 'u1' })).toMatch(/previousId is required/)
    expect(reason({ type: 'alias', previousId: 'a1', anonymousId: 'a2' })).toMatch(/userId is required/)
    expect(reason({ type: 'alias', previousId: 'u1', userId: 'u1' })).toMatch(/the same id/)
    expect(reason({ type: 'group', userId: 'u1' })).toMatch(/groupId is required/)
    expect(reason({ type: 'identify', userId: 'anon:x' })).toMatch(/must not start with 'anon:'/)
    expect(reason({ type: 'identify', userId: 'u1', traits: { employees: 'lots' } })).toMatch(/company_size: not a number/)
  })
})
