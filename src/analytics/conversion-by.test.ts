import { describe, expect, it } from 'vitest'
import { conversionBy } from './conversion-by.js'
import { scoredLead } from './test-leads.js'

describe('conversionBy decile', () => {
  it('puts the highest scores in decile 1 and splits 20 leads two per decile', () => {
    const leads = Array.from({ length: 20 }, (_, index) =>
      scoredLead(`l${String(index).padStart(2, '0')}`, { score: index * 5 }),
    )
    const rows = conversionBy(leads, 'decile')
    expect(rows.map((row) => row.group)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ])
    expect(rows.every((row) => row.leads === 2)).toBe(true)
    // Decile 1 holds scores 95 and 90; check by converting exactly those leads.
    const marked = leads.map((lead) =>
      scoredLead(lead.leadId, { score: lead.score.score, converted: lead.score.score >= 90 }),
    )
    const first = conversionBy(marked, 'decile')[0]!
    expect(first).toMatchObject({ group: '1', leads: 2, withOutcome: 2, converted: 2, rate: 1 })
    expect(conversionBy(marked, 'decile')[1]!.converted).toBe(0)
  })

  it('breaks score ties by lead id so assignment is stable', () => {
    const leads = ['b', 'a', 'd', 'c'].map((id) =>
      scoredLead(id, { score: 70, converted: id === 'a' }),
    )
    // 4 leads: indexes 0..3 → deciles 1, 3, 6, 8; 'a' ranks first.
    const rows = conversionBy(leads, 'decile')
    expect(rows.map((row) => row.group)).toEqual(['1', '3', '6', '8'])
    expect(rows[0]!.converted).toBe(1)
  })
})

describe('conversionBy field keys', () => {
  it('counts only leads with an outcome in the rate and gives a Wilson interval', () => {
    const leads = [
      ...Array.from({ length: 8 }, (_, i) =>
        scoredLead(`c${i}`, { segment: 'smb', converted: true }),
      ),
      ...Array.from({ length: 2 }, (_, i) =>
        scoredLead(`n${i}`, { segment: 'smb', converted: false }),
      ),
      scoredLead('open', { segment: 'smb' }),
    ]
    const [row] = conversionBy(leads, 'segment')
    expect(row).toMatchObject({ group: 'smb', leads: 11, withOutcome: 10, converted: 8, rate: 0.8 })
    expect(row!.ci![0]).toBeCloseTo(0.4902, 4)
    expect(row!.ci![1]).toBeCloseTo(0.9433, 4)
  })

  it('gives null rate and interval to a group without outcomes, and lists no segment last', () => {
    const rows = conversionBy(
      [scoredLead('x', { segment: null, converted: true }), scoredLead('y', { segment: 'ent' })],
      'segment',
    )
    expect(rows.map((row) => row.group)).toEqual(['ent', null])
    expect(rows[0]).toMatchObject({ rate: null, ci: null, withOutcome: 0 })
    expect(rows[1]!.rate).toBe(1)
  })

  it('orders statuses lead → mql → sql and cells by name', () => {
    const leads = [
      scoredLead('1', { status: 'sql', cell: 'B1' }),
      scoredLead('2', { status: 'lead', cell: 'A2' }),
      scoredLead('3', { status: 'mql', cell: 'A1' }),
    ]
    expect(conversionBy(leads, 'status').map((row) => row.group)).toEqual(['lead', 'mql', 'sql'])
    expect(conversionBy(leads, 'cell').map((row) => row.group)).toEqual(['A1', 'A2', 'B1'])
  })

  it('groups by engagement level as text, most engaged first', () => {
    const leads = [
      scoredLead('1', { level: 3, converted: true }),
      scoredLead('2', { level: 1, converted: false }),
      scoredLead('3', { level: 3, converted: false }),
    ]
    const rows = conversionBy(leads, 'level')
    expect(rows.map((row) => [row.group, row.leads, row.converted])).toEqual([
      ['1', 1, 0],
      ['3', 2, 1],
    ])
  })

  it('orders buying stages along the journey', () => {
    const leads = [
      scoredLead('1', { stage: 'action' }),
      scoredLead('2', { stage: 'awareness' }),
      scoredLead('3', { stage: 'decision' }),
    ]
    expect(conversionBy(leads, 'stage').map((row) => row.group)).toEqual([
      'awareness',
      'decision',
      'action',
    ])
  })
})
