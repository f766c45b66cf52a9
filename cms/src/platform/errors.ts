/**
 * The one error helper. Every refusal a member or staff member can see carries a stable code from
 * API.md; the HTTP status follows from the code, so call sites never pick statuses by hand.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  BANNED: 403,
  NOT_FOUND: 404,
  SEAT_TAKEN: 409,
  SLOT_MISALIGNED: 400,
  OUTSIDE_OPENING_HOURS: 400,
  BEYOND_HORIZON: 400,
  TOO_LONG: 400,
  QUOTA_EXCEEDED: 409,
  INSUFFICIENT_BALANCE: 402,
  COUPON_INVALID: 409,
  HOLD_EXPIRED: 410,
  INVALID_STATE: 409,
  CHECKIN_WINDOW: 409,
  CANCEL_NOT_ALLOWED: 409,
  RATE_LIMITED: 429,
  PAYMENT_PROVIDER: 502,
  // Added to the API.md list (see docs): the room/seat cannot be booked at all right now.
  ROOM_UNAVAILABLE: 409,
  // A seat with future bookings cannot be removed from a layout.
  SEAT_IN_USE: 409,
  // WeChat Pay is not configured on this deployment.
  PAYMENTS_NOT_CONFIGURED: 503,
  // WeChat login service busy: retry with backoff.
  WECHAT_BUSY: 503,
  CONFLICT: 409,
  // A wrong HTTP method for an existing path (the Allow header lists the right ones).
  METHOD_NOT_ALLOWED: 405,
  // The database (or another part the request needs) is unreachable: retry after Retry-After seconds.
  SERVICE_UNAVAILABLE: 503,
  // The store has not enabled offline payment (parameter offline_payment_enabled).
  OFFLINE_PAYMENT_DISABLED: 409,
  // Waiting list: already in line for this seat and time / already booked part of it.
  WAITLIST_DUPLICATE: 409,
  WAITLIST_ALREADY_BOOKED: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const NAMES: Partial<Record<number, string>> = {
  400: 'ValidationError',
  401: 'UnauthorizedError',
  402: 'PaymentRequiredError',
  403: 'ForbiddenError',
  404: 'NotFoundError',
  405: 'MethodNotAllowedError',
  409: 'ConflictError',
  410: 'GoneError',
  429: 'RateLimitError',
  502: 'BadGatewayError',
  503: 'ServiceUnavailableError',
};

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.headers = headers;
  }

  get httpName(): string {
    return NAMES[this.status] ?? 'ApplicationError';
  }

  /** Strapi's error body with our stable code in `details.code`. */
  toBody() {
    return {
      data: null,
      error: { status: this.status, name: this.httpName, message: this.message, details: { code: this.code, ...this.details } },
    };
  }
}

export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, message, details);

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError ||
  // Two copies of this module can exist (app dist and a test's own import): compare by shape.
  (typeof e === 'object' && e !== null && (e as any).name !== undefined && typeof (e as any).code === 'string' &&
    (e as any).code in ERROR_STATUS && typeof (e as any).toBody === 'function');
