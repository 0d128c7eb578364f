import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** A domain error with an HTTP status and a stable machine-readable code. */
export class AppError extends Error {
  /** Further fields of the error body that a subclass adds (e.g. `suggestions`). */
  readonly extra?: Record<string, unknown>;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Array<{ path: string; message: string }>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(details: Array<{ path: string; message: string }>, status = 422) {
    super(status, 'VALIDATION_FAILED', 'The request is not valid', details);
  }
}
export class UnauthenticatedError extends AppError {
  constructor(message = 'Please log in', code = 'UNAUTHENTICATED') {
    super(401, code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}
export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'NOT_FOUND', `${what} not found`);
  }
}
export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}
export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number) {
    super(429, 'RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}

/** `$.a.b[2].c` style path of a zod issue. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    '$',
  );
}

export function zodDetails(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new NotFoundError('Route'));
};

/**
 * Whether a database error refused a delete because rows still refer to the row
 * (23503; a RESTRICT reference is 23001 on PGlite), and whether those rows are
 * appointments — which are never dropped behind the center's back.
 */
export function refusedByReferences(error: unknown): 'bookings' | 'other' | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  if (code !== '23503' && code !== '23001') return undefined;
  return constraint?.startsWith('bookings_') || /on table "bookings"/.test(String(error))
    ? 'bookings'
    : 'other';
}

/** The one place where errors become responses; unknown errors never leak their text. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof AppError) {
      if (error.headers) res.set(error.headers);
      res.status(error.status).json({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
          ...error.extra,
        },
      });
      return;
    }
    const status =
      (error as { status?: number; statusCode?: number }).status ??
      (error as { statusCode?: number }).statusCode;
    const type = (error as { type?: string }).type;
    if (type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ error: { code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' } });
      return;
    }
    if (type === 'entity.too.large') {
      res
        .status(413)
        .json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' } });
      return;
    }
    // A delete that rows still refer to: appointments keep services, counselors and rooms.
    const referrer = refusedByReferences(error);
    if (referrer) {
      const bookings = referrer === 'bookings';
      res.status(409).json({
        error: {
          code: bookings ? 'HAS_APPOINTMENTS' : 'STILL_REFERENCED',
          message: bookings
            ? 'A service, counselor or room that is to be removed still has appointments. Deactivate it, or cancel its appointments first.'
            : 'This change conflicts with data that still refers to it.',
        },
      });
      return;
    }
    if (status && status >= 400 && status < 500) {
      res
        .status(status)
        .json({ error: { code: 'BAD_REQUEST', message: 'The request could not be processed' } });
      return;
    }
    logger.error({ err: error, method: req.method, route: req.route?.path ?? req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
  };
}
