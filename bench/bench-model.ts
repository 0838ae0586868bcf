// A hand-built B2B scoring model for benchmarks: realistic rule counts, limits, decay, a frequency rule, detectors.
import { parseExpression, type Condition, type EventRule, type Expression, type ScoringModel, type SpamDetector } from '../src/core/index.js'

function expression(source: string): Expression {
  const parsed = parseExpression(source)
  if (!parsed.ok) throw new Error(`bench model expression ${source}: ${parsed.error.message}`)
  return parsed.expression
}

const contains = (field: string, values: string[]): Condition => ({ kind: 'test', field, op: 'contains', values })

function eventRule(rule: Partial<EventRule> & Pick<EventRule, 'id' | 'label' | 'eventTypes' | 'points'>): EventRule {
  return {
    kind: 'event',
    urlPatterns: [],
    where: null,
    perUnit: null,
    maxPerDay: null,
    maxTotal: null,
    decay: { kind: 'half_life', halfLifeDays: 30 },
    frequency: null,
    ...rule,
  }
}

function detector(detector: Partial<SpamDetector> & Pick<SpamDetector, 'id' | 'type' | 'reason' | 'fields'>): SpamDetector {
  return { points: -10, spamPoints: 30, minRun: 4, minRepeat: 4, placeholders: new Set(), domains: new Set(), ...detector }
}

export const benchModel: ScoringModel = {
  name: 'bench-b2b',
  description: 'Benchmark model shaped like the B2B software template',
  eventTypes: [],
  weights: { fit: 0.5, engagement: 0.5, predictive: 0 },
  grades: { A: 70, B: 50, C: 25 },
  levels: { 1: 60, 2: 35, 3: 15 },
  fit: [
    { id: 'decision_maker', label: 'Decision maker', when: contains('job_title', ['vp', 'director', 'head', 'chief']), points: 30 },
    { id: 'senior', label: 'Senior', when: { kind: 'test', field: 'seniority', op: 'in', values: ['senior', 'executive'] }, points: 10 },
    { id: 'target_country', label: 'Target country', when: { kind: 'test', field: 'country', op: 'in', values: ['es', 'us', 'mx'] }, points: 15 },
    { id: 'company_size', label: '50+ employees', when: { kind: 'test', field: 'company_size', op: 'gte', value: 50 }, points: 20 },
    { id: 'software', label: 'Software industry', when: contains('industry', ['software', 'saas']), points: 15 },
    { id: 'student', label: 'Student', when: contains('job_title', ['student', 'intern']), points: -30 },
    { id: 'phone_given', label: 'Phone given', when: { kind: 'test', field: 'phone', op: 'exists', value: true }, points: 5 },
  ],
  engagement: [
    eventRule({ id: 'pricing_view', label: 'Viewed pricing', eventTypes: ['page_view'], urlPatterns: [/\/pricing/], points: 10, maxPerDay: 2, decay: { kind: 'half_life', halfLifeDays: 14 } }),
    eventRule({ id: 'pricing_burst', label: '3 pricing views in 7 days', eventTypes: ['page_view'], urlPatterns: [/\/pricing/], points: 15, frequency: { count: 3, withinDays: 7 }, maxTotal: 2 }),
    eventRule({ id: 'blog_view', label: 'Read the blog', eventTypes: ['page_view'], urlPatterns: [/\/blog\//], points: 2, maxPerDay: 3 }),
    eventRule({ id: 'careers_view', label: 'Looked at careers', eventTypes: ['page_view'], urlPatterns: [/\/careers/], points: -10, maxTotal: 1, decay: { kind: 'none' } }),
    eventRule({ id: 'demo_request', label: 'Requested a demo', eventTypes: ['demo_request'], points: 40, maxTotal: 1, decay: { kind: 'none' } }),
    eventRule({ id: 'trial_signup', label: 'Started a trial', eventTypes: ['trial_signup'], points: 30, maxTotal: 1 }),
    eventRule({ id: 'download', label: 'Downloaded', eventTypes: ['download'], points: 8, maxPerDay: 1 }),
    eventRule({ id: 'webinar', label: 'Attended a webinar', eventTypes: ['webinar'], points: 12 }),
    eventRule({ id: 'email_open', label: 'Opened an email', eventTypes: ['email_open'], points: 1, maxPerDay: 1, decay: { kind: 'window', windowDays: 30 } }),
    eventRule({ id: 'email_click', label: 'Clicked an email', eventTypes: ['email_click'], points: 4, maxPerDay: 2, decay: { kind: 'window', windowDays: 30 } }),
    eventRule({ id: 'unsubscribe', label: 'Unsubscribed', eventTypes: ['unsubscribe'], points: -25, decay: { kind: 'none' } }),
    eventRule({ id: 'bounce', label: 'Email bounced', eventTypes: ['email_bounce'], points: -15, maxTotal: 1, decay: { kind: 'none' } }),
    { kind: 'inactivity', id: 'inactive', label: 'No activity for 30 days', eventTypes: [], inactiveDays: 30, points: -10 },
  ],
  spam: {
    threshold: 50,
    detectors: [
      detector({ id: 'name_case', type: 'name_not_capitalized', reason: 'Name not capitalised', fields: ['first_name', 'last_name'], spamPoints: 10 }),
      detector({ id: 'keyboard', type: 'keyboard_run', reason: 'Keyboard run in name', fields: ['first_name', 'last_name', 'email'] }),
      detector({ id: 'repeated', type: 'repeated_characters', reason: 'Repeated characters', fields: ['first_name', 'last_name'] }),
      detector({ id: 'placeholder', type: 'placeholder_name', reason: 'Placeholder name', fields: ['first_name'], placeholders: new Set(['test', 'asdf']), spamPoints: 60 }),
      detector({ id: 'bad_email', type: 'malformed_email', reason: 'Malformed email', fields: ['email'], spamPoints: 60 }),
    ],
  },
  stages: [
    { stage: 'action', rules: ['demo_request', 'trial_signup'], withinDays: 60 },
    { stage: 'decision', rules: ['pricing_view', 'pricing_burst'], withinDays: 30 },
    { stage: 'investigation', rules: ['blog_view', 'download', 'webinar'], withinDays: 30 },
  ],
  qualification: {
    mql: expression('score >= 60 and fit_grade <= "B"'),
    sql: expression('score >= 80 and fit >= 70 and count("pricing_view", 30) >= 2'),
    fastTrack: [{ id: 'demo_fit', label: 'Demo from a fitting lead', when: expression('fired("demo_request", 30) and fit >= 50'), to: 'sql' }],
  },
  segments: [
    { id: 'hot', label: 'Hot', when: expression('score >= 60') },
    { id: 'warm', label: 'Warm', when: expression('score >= 30') },
    { id: 'cold', label: 'Cold', when: expression('score >= 0') },
  ],
}
