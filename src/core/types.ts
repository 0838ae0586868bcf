// The domain types every layer shares: leads, events, the normalised scoring model and score results.

/** Milliseconds since the Unix epoch, UTC. The engine never reads the clock: callers pass `now`. */
export type EpochMs = number

/** A person who may buy, with who they are (fit) and their company. Field names are the model's field paths in camelCase. */
export interface Lead {
  /** External id, unique. */
  id: string
  /** Lower-cased email address, when known. */
  email?: string | undefined
  firstName?: string | undefined
  lastName?: string | undefined
  phone?: string | undefined
  jobTitle?: string | undefined
  seniority?: string | undefined
  department?: string | undefined
  country?: string | undefined
  language?: string | undefined
  source?: string | undefined
  owner?: string | undefined
  companyName?: string | undefined
  companyDomain?: string | undefined
  industry?: string | undefined
  /** Number of employees. */
  companySize?: number | undefined
  /** Annual revenue in the lead's currency units. */
  annualRevenue?: number | undefined
  /** Custom attributes: any other column or field, kept as given. */
  attributes: Record<string, unknown>
  createdAt: EpochMs
  updatedAt?: EpochMs | undefined
}

/** The built-in event types, by family. A model may declare more under `event_types`. */
export const EVENT_TYPES = [
  // web
  'page_view',
  'form_submit',
  'demo_request',
  'trial_signup',
  'download',
  'webinar',
  // email
  'email_open',
  'email_click',
  'email_bounce',
  'unsubscribe',
  // social
  'social_like',
  'social_share',
  'social_comment',
  'social_follow',
  'social_mention',
  // sales
  'call',
  'meeting',
  'proposal_sent',
  'appointment',
  'opportunity_won',
  'opportunity_lost',
  // commerce
  'cart_add',
  'cart_abandon',
  'checkout',
  'purchase',
  // anything else
  'custom',
] as const

export type BuiltInEventType = (typeof EVENT_TYPES)[number]

/** Something a lead did. The id is the client's: the same id twice counts once. */
export interface LeadEvent {
  id: string
  leadId: string
  /** A built-in type or one the model declares. */
  type: string
  timestamp: EpochMs
  /** url, form, campaign, channel, value, currency, duration_seconds, ... */
  properties: Record<string, unknown>
}

/** Whether a lead bought, and when. The ground truth for analytics and training. */
export interface Outcome {
  leadId: string
  converted: boolean
  /** When it converted or was lost; undefined when unknown. */
  at?: EpochMs | undefined
}

export const FIT_GRADES = ['A', 'B', 'C', 'D'] as const
export type FitGrade = (typeof FIT_GRADES)[number]

/** Engagement level: 1 is the most engaged, 4 the least. */
export type EngagementLevel = 1 | 2 | 3 | 4

export const BUYING_STAGES = ['awareness', 'investigation', 'decision', 'action'] as const
export type BuyingStage = (typeof BUYING_STAGES)[number]

export const LEAD_STATUSES = ['lead', 'mql', 'sql'] as const
export type LeadStatus = (typeof LEAD_STATUSES)[number]

/** Which part of the score a contribution belongs to. */
export type ContributionKind = 'fit' | 'engagement' | 'spam' | 'predictive' | 'adjustment'

/** One line of a score breakdown. The `points` of all contributions add up exactly to the score. */
export interface Contribution {
  /** Rule or detector id; adjustments use `fit_clamp`, `engagement_clamp`, `score_clamp`. */
  ruleId: string
  label: string
  kind: ContributionKind
  /** Effect on the score shown (after decay and weighting), in hundredths precision. */
  points: number
  /** Effect on its own sub-score (fit or engagement, after decay), before weighting. */
  subScorePoints: number
  /** Points before decay (sum over the counted occurrences), before weighting. */
  originalPoints: number
  /** How many occurrences were counted (1 for fit rules and detectors). */
  count: number
}

/** Everything the engine says about a lead at one point in time. */
export interface ScoreResult {
  score: number
  fit: number
  engagement: number
  grade: FitGrade
  level: EngagementLevel
  /** Grade and level, e.g. `B2`. */
  cell: string
  stage: BuyingStage
  spam: boolean
  /** Sum of the detectors' spam points (positive). */
  spamScore: number
  spamReasons: string[]
  status: LeadStatus
  /** Id of the fast-track rule that qualified the lead, if any. */
  fastTrack: string | null
  /** Id of the first matching segment, or null. */
  segment: string | null
  /** Conversion probability from the predictive component, when the model has one. */
  predictive: number | null
  contributions: Contribution[]
  /** When the score was computed. */
  at: EpochMs
}
