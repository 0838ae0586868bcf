// TypeBox schemas of the Segment-compatible intake: the spec's message fields, single calls and batches.
import { Type } from 'typebox'

/** Most messages one POST /v1/batch may carry (Segment limits only the size: 500 KB). */
export const MAX_SEGMENT_BATCH = 2500
/** Largest body of /v1/batch, as Segment's HTTP API: 500 KB. */
export const SEGMENT_BATCH_LIMIT_BYTES = 500 * 1024
/** Largest single call (and largest message in a batch), as Segment's HTTP API: 32 KB. */
export const SEGMENT_MESSAGE_LIMIT_BYTES = 32 * 1024

const id = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Null()])
const time = Type.Union([Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0 })])
const object = Type.Record(Type.String({ maxLength: 200 }), Type.Unknown())
const optionalText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]))

/** The spec's common and per-call fields. */
const messageFields = {
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  userId: Type.Optional(id),
  anonymousId: Type.Optional(id),
  traits: Type.Optional(object),
  properties: Type.Optional(object),
  event: Type.Optional(Type.String({ maxLength: 200 })),
  name: optionalText(500),
  category: optionalText(500),
  groupId: Type.Optional(id),
  previousId: Type.Optional(id),
  context: Type.Optional(object),
  integrations: Type.Optional(object),
  timestamp: Type.Optional(time),
  originalTimestamp: Type.Optional(time),
  sentAt: Type.Optional(time),
  writeKey: Type.Optional(Type.String({ maxLength: 200 })),
}

// Unknown top-level fields are allowed and ignored here, unlike the rest of the API: Segment and RudderStack
// libraries add their own (`_metadata`, `channel`, `version`, ...), and they must be able to send unchanged.

/** One message of a batch: `type` says which call it is. */
export const SegmentBatchMessage = Type.Object(
  { type: Type.String({ minLength: 1, maxLength: 20 }), ...messageFields },
  { additionalProperties: true },
)

/** The body of /v1/identify, /v1/track, /v1/page, /v1/screen, /v1/group, /v1/alias: the call is in the path. */
export const SegmentCallBody = Type.Object(
  { type: Type.Optional(Type.String({ maxLength: 20 })), ...messageFields },
  { additionalProperties: true },
)

/** The body of /v1/batch: the messages in order, and the key or send time Segment's libraries add. */
export const SegmentBatchBody = Type.Object(
  {
    batch: Type.Array(SegmentBatchMessage, { minItems: 1, maxItems: MAX_SEGMENT_BATCH }),
    writeKey: Type.Optional(Type.String({ maxLength: 200 })),
    sentAt: Type.Optional(time),
    context: Type.Optional(object),
    integrations: Type.Optional(object),
  },
  { additionalProperties: false },
)

/** What Segment's clients expect back, with our per-message results beside it. */
export const SegmentReply = Type.Object({ success: Type.Literal(true) }, { additionalProperties: true })
