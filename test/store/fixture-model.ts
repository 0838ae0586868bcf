// A small hand-built scoring model for store tests: fit rules, decaying and limited event rules, one spam detector.
import { parseExpression, type Expression, type ScoringModel } from '../../src/core/index.js'
import type { ActiveModel } from '../../src/store/index.js'

export const DAY_MS = 86_400_000

function expression(source: string): Expression {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`fixture expression ${source}: ${parsed.error.message}`)
  return parsed.expression
}

const noLimits = { perUnit: null, maxPerDay: null, maxTotal: null, frequency: null, where: null, urlPatterns: [] }

export const fixtureModel: ScoringModel = {
  name: 'fixture',
  description: 'Store test model',
  eventTypes: [],
  weights: { fit: 0.5, engagement: 0.5, predictive: 0 },
  grades: { A: 70, B: 50, C: 25 },
  levels: { 1: 60, 2: 30, 3: 10 },
  fit: [
    {
      id: 'senior_title',
      label: 'Senior title',
      when: { kind: 'test', field: 'job_title', op: 'contains', values: ['vp', 'director', 'head'] },
      points: 40,
    },
    {
      id: 'large_company',
      label: '200+ employees',
      when: { kind: 'test', field: 'company_size', op: 'gte', value: 200 },
      points: 30,
    },
    { id: 'student', label: 'Student', when: { kind: 'test', field: 'job_title', op: 'contains', values: ['student'] }, points: -40 },
  ],
  engagement: [
    {
      kind: 'event',
      id: 'pricing_view',
      label: 'Viewed pricing',
      ...noLimits,
      eventTypes: ['page_view'],
      urlPatterns: [/\/pricing(\/|$|\?)/],
      points: 10,
      maxPerDay: 2,
      decay: { kind: 'half_life', halfLifeDays: 14 },
    },
    {
      kind: 'event',
      id: 'demo_request',
      label: 'Requested a demo',
      ...noLimits,
      eventTypes: ['demo_request'],
      points: 40,
      maxTotal: 1,
      decay: { kind: 'none' },
    },
    {
      kind: 'event',
      id: 'email_click',
      label: 'Clicked an email',
      ...noLimits,
      eventTypes: ['email_click'],
      points: 5,
      decay: { kind: 'window', windowDays: 30 },
    },
    {
      kind: 'event',
      id: 'unsubscribe',
      label: 'Unsubscribed',
      ...noLimits,
      eventTypes: ['unsubscribe'],
      points: -20,
      decay: { kind: 'none' },
    },
  ],
  spam: {
    threshold: 50,
    detectors: [
      {
        id: 'placeholder_name',
        type: 'placeholder_name',
        reason: 'Placeholder name',
        points: -20,
        spamPoints: 60,
        fields: ['first_name', 'last_name'],
        minRun: 4,
        minRepeat: 4,
        placeholders: new Set(['test', 'asdf']),
        domains: new Set(),
      },
    ],
  },
  stages: [
    { stage: 'action', rules: ['demo_request'], withinDays: null },
    { stage: 'decision', rules: ['pricing_view'], withinDays: 30 },
  ],
  qualification: {
    mql: expression('score >= 40 and fit >= 25'),
    sql: null,
    fastTrack: [
      { id: 'demo_fast_track', label: 'Demo from a fitting lead', when: expression('fired("demo_request") and fit >= 70'), to: 'sql' },
    ],
  },
  segments: [
    { id: 'hot', label: 'Hot', when: expression('score >= 50') },
    { id: 'warm', label: 'Warm', when: expression('score >= 20') },
    { id: 'cold', label: 'Cold', when: expression('score >= 0') },
  ],
}

/** The fixture model as the active version 1. */
export const fixtureActiveModel: ActiveModel = { version: 1, checksum: 'fixture-v1', model: fixtureModel }

/** A changed model (version 2): downloads now score, so a state built with version 1 must be rebuilt. */
export const fixtureActiveModelV2: ActiveModel = {
  version: 2,
  checksum: 'fixture-v2',
  model: {
    ...fixtureModel,
    engagement: [
      ...fixtureModel.engagement,
      {
        kind: 'event',
        id: 'download',
        label: 'Downloaded a resource',
        ...noLimits,
        eventTypes: ['download'],
        points: 15,
        decay: { kind: 'none' },
      },
    ],
  },
}
