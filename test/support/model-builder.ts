// Builds normalised ScoringModel values by hand for engine tests, with neutral defaults.
import type { Condition, EventRule, FitRule, InactivityRule, ScoringModel, SpamDetector } from '../../src/core/model-types.js'
import { parseExpression, type Expression } from '../../src/core/expression.js'
import type { Lead } from '../../src/core/types.js'

export function expression(source: string): Expression {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`bad test expression ${source}: ${parsed.error.message}`)
  return parsed.expression
}

export function eventRule(rule: Partial<EventRule> & { id: string }): EventRule {
  return {
    kind: 'event',
    label: rule.id,
    eventTypes: [],
    urlPatterns: [],
    where: null,
    points: 0,
    perUnit: null,
    maxPerDay: null,
    maxTotal: null,
    decay: { kind: 'none' },
    frequency: null,
    ...rule,
  }
}

export function inactivityRule(rule: Partial<InactivityRule> & { id: string; inactiveDays: number; points: number }): InactivityRule {
  return { kind: 'inactivity', label: rule.id, eventTypes: [], ...rule }
}

export function fitRule(id: string, when: Condition, points: number): FitRule {
  return { id, label: id, when, points }
}

export function detector(detector: Partial<SpamDetector> & Pick<SpamDetector, 'id' | 'type'>): SpamDetector {
  return {
    reason: detector.id,
    points: -10,
    spamPoints: 10,
    fields: ['first_name', 'last_name'],
    minRun: 4,
    minRepeat: 4,
    placeholders: new Set(),
    domains: new Set(),
    ...detector,
  }
}

export function buildModel(model: Partial<Omit<ScoringModel, 'qualification'>> & { qualification?: Partial<ScoringModel['qualification']> } = {}): ScoringModel {
  return {
    name: 'test',
    description: '',
    eventTypes: [],
    weights: { fit: 0.5, engagement: 0.5, predictive: 0 },
    grades: { A: 75, B: 50, C: 25 },
    levels: { 1: 75, 2: 50, 3: 25 },
    fit: [],
    engagement: [],
    spam: { threshold: 30, detectors: [] },
    stages: [],
    segments: [],
    ...model,
    qualification: { mql: null, sql: null, fastTrack: [], ...model.qualification },
  }
}

export function lead(fields: Partial<Lead> = {}): Lead {
  return { id: 'lead-1', attributes: {}, createdAt: Date.UTC(2026, 0, 1), ...fields }
}

/** Escapes a URL glob into the RegExp the model layer would compile. */
export function glob(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${source}$`, 'i')
}
