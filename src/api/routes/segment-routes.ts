// Segment-compatible intake: /v1/identify, /v1/track, /v1/page, /v1/screen, /v1/group and /v1/batch, write access.
import { randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { EVENT_TYPES } from '../../core/index.js'
import { mapSegmentMessage, type SegmentMessage } from '../../ingest/index.js'
import type { EventInput } from '../../store/index.js'
import type { RouteDeps } from '../app.js'
import { ApiError } from '../errors.js'
import type { ApiInstance } from '../instance.js'
import {
  SEGMENT_BATCH_LIMIT_BYTES,
  SEGMENT_MESSAGE_LIMIT_BYTES,
  SegmentBatchBody,
  SegmentCallBody,
  SegmentReply,
} from '../schemas/segment.js'

/** The single-message calls, each at /v1/<call>. */
const CALLS = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const

const SUMMARIES: Record<(typeof CALLS)[number], string> = {
  identify: 'upsert the lead from traits, merge its anonymous history',
  track: 'store an event',
  page: 'store an event',
  screen: 'store an event',
  group: "set the lead's company",
  alias: 'merge the lead known by previousId (or the visitor with that anonymousId) into userId',
}

/** What happened to one message. */
export interface SegmentItemResult {
  index: number
  status: 'stored' | 'duplicate' | 'created' | 'updated' | 'unchanged' | 'rejected'
  lead_id?: string
  event_id?: string
  /** Events moved into this lead by an identify (its anonymous visitor) or an alias (the previous id's lead). */
  merged_events?: number
  reason?: string
}

/**
 * Applies the messages in order: consecutive events are stored in one transaction, and every identify or
 * group waits for the events before it, so an anonymous history is complete when an identify merges it.
 */
async function applyMessages(
  deps: RouteDeps,
  messages: readonly SegmentMessage[],
  batchSentAt: string | number | undefined,
  /**
   * The messages of `/v1/batch`: each is checked against the per-message size limit (a single call's body limit
   * does that otherwise), and their events are stored for the background scorer (ADR 4).
   */
  isBatch: boolean,
): Promise<SegmentItemResult[]> {
  const active = deps.model()
  const now = deps.now()
  const eventTypes = new Set<string>([...EVENT_TYPES, ...active.model.eventTypes])
  const results: SegmentItemResult[] = []
  let pending: { index: number; event: EventInput }[] = []

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return
    const batch = pending
    pending = []
    // A single call's event shares its transaction with concurrent requests (group commit); a batch's events are
    // stored for the background scorer.
    const stored = isBatch
      ? await deps.store.ingestEvents(batch.map((item) => item.event), active, now, { deferScoring: true })
      : [await deps.ingestSingle(batch[0]!.event)]
    if (isBatch) deps.scorePending()
    batch.forEach(({ index }, position) => {
      const outcome = stored[position]!
      if (outcome.status === 'stored') results[index] = { index, status: 'stored', event_id: outcome.eventId, lead_id: outcome.leadId }
      else if (outcome.status === 'duplicate') results[index] = { index, status: 'duplicate', event_id: outcome.eventId }
      else results[index] = { index, status: 'rejected', event_id: outcome.eventId, reason: outcome.reason }
    })
  }

  for (const [index, message] of messages.entries()) {
    if (isBatch && Buffer.byteLength(JSON.stringify(message)) > SEGMENT_MESSAGE_LIMIT_BYTES) {
      results[index] = { index, status: 'rejected', reason: `the message is larger than ${SEGMENT_MESSAGE_LIMIT_BYTES / 1024} KB` }
      continue
    }
    const context = { eventTypes, receivedAt: now, batchSentAt, fallbackMessageId: `seg_${randomUUID()}` }
    const mapped = mapSegmentMessage(message, context)
    if (!mapped.ok) {
      results[index] = { index, status: 'rejected', reason: mapped.reason }
      continue
    }
    const operation = mapped.value
    if (operation.event !== undefined) {
      pending.push({ index, event: operation.event })
      continue
    }
    await flush()
    // The visitor merges first, into the lead created bare when new: an email the visitor already gave
    // then moves with it instead of making the traits collide with the visitor's lead.
    let created = false
    let mergedEvents: number | undefined
    const sources: string[] = []
    // An identify merges a visitor with a lead of its own; an alias merges, or only aliases, both its ids.
    for (const from of operation.mergeFrom ?? []) {
      if (operation.aliasAlways === true || (await deps.store.getLead(from))?.id === from) sources.push(from)
    }
    if (sources.length > 0) {
      const [bare] = await deps.store.upsertLeads([{ id: operation.leadId }], active, now)
      created = bare?.status === 'created'
      for (const from of sources) {
        const merge = await deps.store.mergeLeads(from, operation.leadId, active, now)
        if (merge.merged) mergedEvents = (mergedEvents ?? 0) + merge.movedEvents
      }
    }
    const [upserted] = await deps.store.upsertLeads([operation.lead ?? { id: operation.leadId }], active, now)
    if (upserted === undefined || upserted.status === 'rejected') {
      results[index] = { index, status: 'rejected', reason: upserted?.reason ?? 'the lead was not stored' }
      continue
    }
    const status = created ? 'created' : mergedEvents !== undefined && upserted.status === 'unchanged' ? 'updated' : upserted.status
    results[index] = { index, status, lead_id: upserted.leadId, ...(mergedEvents === undefined ? {} : { merged_events: mergedEvents }) }
  }
  await flush()
  return results
}

/** The Segment routes, in their own scope so that only they read text/plain bodies as JSON. */
export function registerSegmentRoutes(app: ApiInstance, deps: RouteDeps): void {
  void app.register((plugin, _options, done) => {
    const scope = plugin.withTypeProvider<TypeBoxTypeProvider>()
    // Browsers' analytics.js sends JSON as text/plain (no CORS preflight); read it as JSON on these routes only.
    scope.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, parsed) => {
      try {
        parsed(null, JSON.parse(body as string))
      } catch (error) {
        parsed(error as SyntaxError, undefined)
      }
    })

    for (const call of CALLS) {
      scope.post(
        `/v1/${call}`,
        {
          config: { access: 'write', bodyWriteKey: true },
          bodyLimit: SEGMENT_MESSAGE_LIMIT_BYTES,
          schema: {
            tags: ['segment'],
            summary: `Segment ${call}: ${SUMMARIES[call]}`,
            body: SegmentCallBody,
            response: { 200: SegmentReply },
          },
        },
        async (request) => {
          const body = request.body
          if (body.type !== undefined && body.type !== call) {
            throw new ApiError('validation_failed', `body.type is '${body.type}' but this is /v1/${call}; drop it or send to /v1/${body.type}.`)
          }
          const [result] = await applyMessages(deps, [{ ...body, type: call }], body.sentAt, false)
          if (result === undefined || result.status === 'rejected') {
            const code = call === 'identify' || call === 'group' || call === 'alias' ? 'invalid_lead' : 'invalid_event'
            throw new ApiError(code, result?.reason ?? 'The message was not stored.')
          }
          const { index: _index, ...rest } = result
          return { success: true as const, ...rest }
        },
      )
    }

    scope.post(
      '/v1/batch',
      {
        config: { access: 'write', bodyWriteKey: true },
        bodyLimit: SEGMENT_BATCH_LIMIT_BYTES,
        schema: {
          tags: ['segment'],
          summary: 'Segment batch: identify, track, page, screen, group and alias messages in order, with per-message results',
          body: SegmentBatchBody,
          response: { 200: SegmentReply },
        },
      },
      async (request) => {
        const results = await applyMessages(deps, request.body.batch, request.body.sentAt, true)
        const count = (status: SegmentItemResult['status']): number => results.filter((item) => item.status === status).length
        return {
          success: true as const,
          stored: count('stored'),
          duplicates: count('duplicate'),
          leads: results.filter((item) => ['created', 'updated', 'unchanged'].includes(item.status)).length,
          rejected: count('rejected'),
          results,
        }
      },
    )
    done()
  })
}
