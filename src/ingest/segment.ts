// Segment spec messages (identify, track, page, screen, group, alias) → lead upserts, events and history merges.
import type { EpochMs } from '../core/index.js'
import type { EventInput, LeadInput } from '../store/store.js'
import { checkNesting, parseTimestamp, quote, type Converted } from './field-values.js'
import { parseLeadRecord } from './lead-rows.js'
import { asRecord, companyFields, traitFields } from './segment-traits.js'

/** A Segment message as received (already checked against the route schema); unknown keys are ignored. */
export interface SegmentMessage {
  type: string
  messageId?: string | undefined
  userId?: string | number | null | undefined
  anonymousId?: string | number | null | undefined
  traits?: Record<string, unknown> | undefined
  properties?: Record<string, unknown> | undefined
  event?: string | undefined
  name?: string | null | undefined
  category?: string | null | undefined
  groupId?: string | number | null | undefined
  previousId?: string | number | null | undefined
  context?: Record<string, unknown> | undefined
  timestamp?: string | number | undefined
  originalTimestamp?: string | number | undefined
  sentAt?: string | number | undefined
}

/** What one message asks the store to do, in this order. */
export interface SegmentOperation {
  /** The lead the message is about: the userId, else `anon:<anonymousId>`. */
  leadId: string
  /** Fields to upsert on that lead (identify traits, group company fields). */
  lead?: LeadInput
  /**
   * Leads whose history merges into `leadId`, those that exist: the anonymous visitor of an identify with both
   * ids; for an alias, the `previousId` as a lead id and as an anonymous visitor.
   */
  mergeFrom?: string[]
  /** Merge even the `mergeFrom` ids that have no lead, so that they name `leadId` from now on (alias). */
  aliasAlways?: boolean
  /** The event to store (track, page, screen); its id is the messageId. */
  event?: EventInput
}

/** Where a message is read: the event types the model accepts, the time it arrived, a batch's `sentAt`. */
export interface SegmentContext {
  /** Built-in types plus those the active model declares. */
  eventTypes: ReadonlySet<string>
  receivedAt: EpochMs
  /** `sentAt` of the enclosing batch, used when the message has none. */
  batchSentAt?: string | number | undefined
  /** The message id to use when the message has none (it cannot then be deduplicated). */
  fallbackMessageId: string
}

/** Prefix of the lead ids of anonymous visitors: `anon:<anonymousId>`. */
export const ANONYMOUS_LEAD_PREFIX = 'anon:'

/**
 * Segment's standard event names (snake-cased) that mean a built-in event type. Other names are used
 * snake-cased when the model knows that type (`Demo Request` → `demo_request`), else stored as `custom`.
 */
export const SEGMENT_EVENT_ALIASES: Readonly<Record<string, string>> = {
  demo_requested: 'demo_request',
  trial_started: 'trial_signup',
  signed_up: 'trial_signup',
  form_submitted: 'form_submit',
  file_downloaded: 'download',
  webinar_attended: 'webinar',
  email_opened: 'email_open',
  email_link_clicked: 'email_click',
  email_bounced: 'email_bounce',
  unsubscribed: 'unsubscribe',
  product_added: 'cart_add',
  cart_abandoned: 'cart_abandon',
  checkout_started: 'checkout',
  order_completed: 'purchase',
}

/** `Demo Requested` → `demo_requested`; `signedUp` → `signed_up`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
}

/** The event type a track name stands for: known as given (snake-cased), a Segment standard name, else `custom`. */
export function eventTypeOf(name: string, eventTypes: ReadonlySet<string>): string {
  const snake = snakeCase(name)
  if (eventTypes.has(snake)) return snake
  const alias = SEGMENT_EVENT_ALIASES[snake]
  if (alias !== undefined && eventTypes.has(alias)) return alias
  return 'custom'
}

/**
 * When it happened, as Segment defines it: `timestamp` when given; else `originalTimestamp` corrected for the
 * device clock by `receivedAt - (sentAt - originalTimestamp)` when `sentAt` is known; else when it arrived.
 */
export function segmentTimestamp(message: SegmentMessage, context: SegmentContext): Converted<EpochMs> {
  if (message.timestamp !== undefined) return parseTimestamp('timestamp', message.timestamp)
  if (message.originalTimestamp === undefined) return { ok: true, value: context.receivedAt }
  const original = parseTimestamp('originalTimestamp', message.originalTimestamp)
  if (!original.ok) return original
  const sentAtInput = message.sentAt ?? context.batchSentAt
  if (sentAtInput === undefined) return original
  const sentAt = parseTimestamp('sentAt', sentAtInput)
  if (!sentAt.ok) return sentAt
  return { ok: true, value: Math.max(0, context.receivedAt - (sentAt.value - original.value)) }
}

function idText(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined
  const text = String(value).trim()
  return text === '' ? undefined : text
}

function leadIdOf(message: SegmentMessage): Converted<{ leadId: string; anonymousLeadId: string | undefined; userId: string | undefined }> {
  const userId = idText(message.userId)
  const anonymousId = idText(message.anonymousId)
  const anonymousLeadId = anonymousId === undefined ? undefined : ANONYMOUS_LEAD_PREFIX + anonymousId
  const leadId = userId ?? anonymousLeadId
  if (leadId === undefined) return { ok: false, reason: 'userId or anonymousId is required' }
  if (leadId.length > 200) return { ok: false, reason: 'userId / anonymousId: longer than 200 characters' }
  if (userId?.startsWith(ANONYMOUS_LEAD_PREFIX) === true) {
    return { ok: false, reason: `userId must not start with '${ANONYMOUS_LEAD_PREFIX}' (kept for anonymous visitors)` }
  }
  return { ok: true, value: { leadId, anonymousLeadId, userId } }
}

function leadInput(leadId: string, fields: Record<string, unknown>): Converted<LeadInput> {
  const parsed = parseLeadRecord({ ...fields, id: leadId }, 'ndjson')
  if (!parsed.ok) return { ok: false, reason: `traits: ${parsed.reason}` }
  return parsed
}

/** Page details from the message and its `context.page` (what browsers send), under our property names. */
function pageProperties(message: SegmentMessage, properties: Record<string, unknown>): Record<string, unknown> {
  const page = asRecord(message.context?.page) ?? {}
  const merged: Record<string, unknown> = { ...properties }
  for (const key of ['url', 'path', 'title', 'referrer', 'search'] as const) {
    if (merged[key] === undefined && page[key] !== undefined) merged[key] = page[key]
  }
  return merged
}

function eventInput(
  message: SegmentMessage,
  leadId: string,
  type: string,
  properties: Record<string, unknown>,
  context: SegmentContext,
): Converted<EventInput> {
  const timestamp = segmentTimestamp(message, context)
  if (!timestamp.ok) return timestamp
  const problem = checkNesting('properties', properties)
  if (problem !== undefined) return { ok: false, reason: problem }
  const id = message.messageId ?? context.fallbackMessageId
  return { ok: true, value: { id, leadId, type, timestamp: timestamp.value, properties } }
}

/**
 * What one Segment message asks for, or why it cannot be taken. Identify upserts the lead (the userId, or
 * the anonymous visitor) with its traits and, given both ids, merges the visitor's history into the lead;
 * track, page and screen are events; group sets the lead's company fields.
 *
 * @example mapSegmentMessage({ type: 'page', anonymousId: 'a1', properties: { url } }, context)
 */
export function mapSegmentMessage(message: SegmentMessage, context: SegmentContext): Converted<SegmentOperation> {
  const identity = leadIdOf(message)
  if (!identity.ok) return identity
  const { leadId, anonymousLeadId, userId } = identity.value
  const properties = asRecord(message.properties) ?? {}
  switch (message.type) {
    case 'identify': {
      const lead = leadInput(leadId, traitFields(asRecord(message.traits) ?? {}))
      if (!lead.ok) return lead
      const mergeFrom = userId !== undefined && anonymousLeadId !== undefined ? [anonymousLeadId] : undefined
      return { ok: true, value: { leadId, lead: lead.value, ...(mergeFrom === undefined ? {} : { mergeFrom }) } }
    }
    case 'alias': {
      // Segment's alias: the user known as previousId (an anonymousId or an earlier userId) is userId.
      if (userId === undefined) return { ok: false, reason: 'userId is required: alias names the id the user has now' }
      const previousId = idText(message.previousId)
      if (previousId === undefined) return { ok: false, reason: 'previousId is required: alias names the id the user had before' }
      if (previousId === userId) return { ok: false, reason: 'previousId and userId are the same id' }
      return { ok: true, value: { leadId, mergeFrom: [previousId, ANONYMOUS_LEAD_PREFIX + previousId], aliasAlways: true } }
    }
    case 'group': {
      const fields: Record<string, unknown> = {}
      const extra: Record<string, unknown> = {}
      companyFields(asRecord(message.traits) ?? {}, fields, extra)
      const groupId = idText(message.groupId)
      if (groupId === undefined) return { ok: false, reason: 'groupId is required' }
      fields.attributes = { group_id: groupId, ...(Object.keys(extra).length > 0 ? { company: extra } : {}) }
      const lead = leadInput(leadId, fields)
      return lead.ok ? { ok: true, value: { leadId, lead: lead.value } } : lead
    }
    case 'track': {
      const name = message.event?.trim() ?? ''
      if (name === '') return { ok: false, reason: 'event (the name of the action) is required' }
      const type = eventTypeOf(name, context.eventTypes)
      const withName = pageProperties(message, { ...properties, event: properties.event ?? name })
      const event = eventInput(message, leadId, type, withName, context)
      return event.ok ? { ok: true, value: { leadId, event: event.value } } : event
    }
    case 'page':
    case 'screen': {
      const named: Record<string, unknown> = { ...properties }
      if (message.name != null) named.name ??= message.name
      if (message.category != null) named.category ??= message.category
      if (message.type === 'screen') named.screen ??= message.name ?? true
      const event = eventInput(message, leadId, 'page_view', pageProperties(message, named), context)
      return event.ok ? { ok: true, value: { leadId, event: event.value } } : event
    }
    default:
      return {
        ok: false,
        reason: `message type ${quote(message.type)} is not supported; send identify, track, page, screen, group or alias`,
      }
  }
}
