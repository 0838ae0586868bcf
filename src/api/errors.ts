// The error catalogue: every error the API returns, with its stable code, HTTP status and message.
// docs/api.md lists the same codes; test/api/errors-doc.test.ts keeps the two in step.

export const API_ERRORS = {
  validation_failed: { status: 400, message: 'The request does not match the schema.' },
  invalid_json: { status: 400, message: 'The body is not valid JSON.' },
  unknown_event_type: { status: 400, message: 'The event type is neither built in nor declared by the active model.' },
  invalid_event: { status: 400, message: 'The event cannot be stored.' },
  invalid_lead: { status: 400, message: 'The lead cannot be stored.' },
  batch_too_large: { status: 400, message: 'The batch has more items than allowed.' },
  not_found: { status: 404, message: 'No such resource.' },
  conflict: { status: 409, message: 'The request conflicts with stored data.' },
  payload_too_large: { status: 413, message: 'The body is larger than allowed.' },
  unsupported_media_type: { status: 415, message: 'Send JSON with Content-Type: application/json.' },
  rate_limited: { status: 429, message: 'Too many requests; retry later.' },
  internal_error: { status: 500, message: 'Something went wrong on our side; it has been logged.' },
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
