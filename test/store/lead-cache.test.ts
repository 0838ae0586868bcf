// The write path's lead cache: bounded, and what was used last stays.
import { describe, expect, it } from 'vitest'
import { LeadCache } from '../../src/store/sqlite/lead-cache.js'

const lead = (id: string) => ({ id, attributes: {}, createdAt: 0, updatedAt: 0 })

describe('LeadCache', () => {
  it('never holds more than its capacity and evicts the leads used longest ago', () => {
    const cache = new LeadCache(8)
    for (let index = 0; index < 8; index++) cache.setNewLead(lead(`l${index}`))
    // l0 and l1 are used again, so l2 and l3 are now the least recently used.
    expect(cache.lead('l0')?.id).toBe('l0')
    expect(cache.lead('l1')?.id).toBe('l1')
    cache.setNewLead(lead('l8'))
    expect(cache.size).toBeLessThanOrEqual(8)
    expect(cache.lead('l2')).toBeUndefined()
    expect(cache.lead('l3')).toBeUndefined()
    for (const kept of ['l0', 'l1', 'l8']) expect(cache.lead(kept)?.id).toBe(kept)
    for (let index = 9; index < 200; index++) {
      cache.setNewLead(lead(`l${index}`))
      expect(cache.lead('l0')?.id).toBe('l0')
      expect(cache.size).toBeLessThanOrEqual(8)
    }
    expect(cache.lead('l199')?.id).toBe('l199')
  })

  it('keeps the newest lead even with a capacity of one', () => {
    const cache = new LeadCache(1)
    cache.setNewLead(lead('a'))
    cache.setNewLead(lead('b'))
    expect(cache.size).toBe(1)
    expect(cache.lead('b')?.id).toBe('b')
  })
})
