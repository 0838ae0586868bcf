import { describe, expect, it } from 'vitest'
import type { Lead, LeadEvent } from '../core/index.js'
import { ArtifactError, loadArtifact } from './artifact.js'
import { predictLead } from './predict-lead.js'
import { trainLeadsSteps, type TrainLeadsOptions } from './train-leads.js'
import { runTraining } from './train.js'
import type { TrainingItem } from './training-rows.js'

const DAY = 86_400_000
const T0 = Date.UTC(2025, 0, 1)

/** 120 leads: the ones with more `webinar_live` (a custom type) events convert; every third has none. */
function items(): TrainingItem[] {
  return Array.from({ length: 120 }, (_, i) => {
    const lead: Lead = { id: `l${i}`, attributes: {}, createdAt: T0 + i * DAY, industry: i % 2 === 0 ? 'saas' : 'retail' }
    const count = i % 3 === 0 ? 0 : (i * 7) % 5
    const events: LeadEvent[] = Array.from({ length: count }, (_, k) => ({
      id: `e${i}-${k}`,
      leadId: lead.id,
      type: 'webinar_live',
      timestamp: lead.createdAt + (k + 1) * DAY,
      properties: {},
    }))
    return { lead, events, recordedAt: lead.createdAt + 30 * DAY, outcome: { leadId: lead.id, converted: count >= 3 || i % 11 === 0 } }
  })
}

const options: TrainLeadsOptions = { algo: 'lr', seed: 1, folds: 3 }

describe('predictLead', () => {
  const { artifact } = runTraining(trainLeadsSteps(items(), options))
  const loaded = loadArtifact(JSON.parse(JSON.stringify(artifact)))
  const lead: Lead = { id: 'new', attributes: {}, createdAt: T0, industry: 'saas' }

  it('counts a custom event type the lead never had as 0, not missing', () => {
    const none = predictLead(loaded, lead, [], T0 + DAY)
    const feature = [...none.factors.positive, ...none.factors.negative].find((factor) => factor.feature === 'events_webinar_live')
    expect(feature?.value).toBe(0)
  })

  it('raises the probability with the events that converted leads had, and lists them as positive factors', () => {
    const events = [1, 2, 3, 4].map((k) => ({ id: `n${k}`, leadId: 'new', type: 'webinar_live', timestamp: T0 + k * DAY, properties: {} }))
    const engaged = predictLead(loaded, lead, events, T0 + 10 * DAY)
    const quiet = predictLead(loaded, lead, [], T0 + 10 * DAY)
    expect(engaged.probability).toBeGreaterThan(quiet.probability)
    expect(engaged.factors.positive).toContainEqual(expect.objectContaining({ feature: 'events_webinar_live', value: 4 }))
    expect(engaged.score).toBe(Math.round(engaged.probability * 10_000) / 100)
  })

  it('ignores events after now and from the first outcome event on', () => {
    const later = [{ id: 'f', leadId: 'new', type: 'webinar_live', timestamp: T0 + 20 * DAY, properties: {} }]
    expect(predictLead(loaded, lead, later, T0 + 10 * DAY)).toEqual(predictLead(loaded, lead, [], T0 + 10 * DAY))
    const won = { id: 'w', leadId: 'new', type: 'opportunity_won', timestamp: T0 + DAY, properties: {} }
    const after = { id: 'a', leadId: 'new', type: 'webinar_live', timestamp: T0 + 2 * DAY, properties: {} }
    const withWon = predictLead(loaded, lead, [won, after], T0 + 10 * DAY)
    const webinar = [...withWon.factors.positive, ...withWon.factors.negative].find((factor) => factor.feature === 'events_webinar_live')
    expect(webinar?.value ?? 0).toBe(0)
  })

  it('refuses an artifact trained on another feature version', () => {
    const other = loadArtifact({ ...JSON.parse(JSON.stringify(artifact)), params: { ...artifact.params, lead_features_version: 99 } })
    expect(() => predictLead(other, lead, [], T0)).toThrow(ArtifactError)
  })
})
