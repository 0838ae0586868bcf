import { describe, expect, it } from 'vitest'
import { funnel } from './funnel.js'
import { scoredLead } from './test-leads.js'

describe('funnel', () => {
  it('counts leads cumulatively through each stage with the rate from the previous one', () => {
    const leads = [
      scoredLead('1', { status: 'lead' }),
      scoredLead('2', { status: 'lead', converted: false }),
      scoredLead('3', { status: 'lead' }),
      scoredLead('4', { status: 'lead' }),
      scoredLead('5', { status: 'mql' }),
      scoredLead('6', { status: 'mql' }),
      scoredLead('7', { status: 'sql', converted: false }),
      scoredLead('8', { status: 'sql', converted: true }),
    ]
    expect(funnel(leads)).toEqual([
      { stage: 'lead', leads: 8, rateFromPrevious: null },
      { stage: 'mql', leads: 4, rateFromPrevious: 0.5 },
      { stage: 'sql', leads: 2, rateFromPrevious: 0.5 },
      { stage: 'customer', leads: 1, rateFromPrevious: 0.5 },
    ])
  })

  it('counts a converted lead at every stage even if its status is still lead', () => {
    const steps = funnel([scoredLead('1', { status: 'lead', converted: true })])
    expect(steps.map((step) => step.leads)).toEqual([1, 1, 1, 1])
  })

  it('has null rates after an empty stage', () => {
    const steps = funnel([scoredLead('1', { status: 'lead' })])
    expect(steps.map((step) => step.rateFromPrevious)).toEqual([null, 0, null, null])
  })
})
