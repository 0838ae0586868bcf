// The error catalogue: every error the API returns, with its stable code, HTTP status and message.
// docs/api.md lists the same codes; test/api/errors-doc.test.ts keeps the two in step.

export const API_ERRORS = {
  validation_failed: { status: 400, message: 'The request does not match the schema.' },
  invalid_json: { status: 400, message: 'The body is not valid JSON.' },
  unknown_event_type: { status: 400, message: 'The event type is neither built in nor declared by the active model.' },
  invalid_event: { status: 400, message: 'The event cannot be stored.' },
  invalid_lead: { status: 400, message: 'The lead cannot be stored.' },
  invalid_url: { status: 400, message: 'The URL is malformed: bad percent-encoding or an overlong path segment.' },
  bad_request: { status: 400, message: 'The request is malformed.' },
  batch_too_large: { status: 400, message: 'The batch has more items than allowed.' },
  invalid_cursor: { status: 400, message: 'The cursor is malformed or belongs to another query; start again without it.' },
  invalid_model: { status: 400, message: 'The model does not validate.' },
  invalid_outcome: { status: 400, message: 'The outcome cannot be stored.' },
  unauthorized: { status: 401, message: 'Send a valid API key: Authorization: Bearer <key>.' },
  forbidden: { status: 403, message: "The API key's scopes do not allow this route." },
  not_found: { status: 404, message: 'No such resource.' },
  conflict: { status: 409, message: 'The request conflicts with stored data.' },
  not_enough_data: { status: 422, message: 'There are too few leads with an outcome for this; record more outcomes.' },
  payload_too_large: { status: 413, message: 'The body is larger than allowed.' },
  unsupported_media_type: { status: 415, message: 'Send JSON with Content-Type: application/json.' },
  rate_limited: { status: 429, message: 'Too many requests; retry later.' },
  internal_error: { status: 500, message: 'Something went wrong on our side; it has been logged.' },
  not_ready: { status: 503, message: 'The service is not ready: the store does not answer or no model is active.' },
} as const satisfies Record<string, { status: number; message: string }>

export type ApiErrorCode = keyof typeof API_ERRORS

/** An error a route throws on purpose; the error handler renders it as `{ error: { code, message, details } }`. */
export class ApiError extends Error {
  readonly status: number

  constructor(
    readonly code: ApiErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? API_ERRORS[code].message)
    this.status = API_ERRORS[code].status
  }
}

/** The one error shape every response uses. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId: string }
}
