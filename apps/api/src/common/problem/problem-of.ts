import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { RequestError, type FieldError } from '@ketnap/engine';
import { ProblemException, problemType, type Problem } from './problem';

/** Status of a rule refusal's code: a few are not rule violations; every other code is a 422. */
const CODE_STATUS: Record<string, number> = { INVALID_COMMAND: 400, PLAN_FORMAT_INVALID: 400 };

const DEFAULT_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
};

export interface ProblemAnswer {
  problem: Problem;
  headers?: Record<string, string>;
  /** Not a refusal but a fault: log it. */
  unexpected?: boolean;
}

interface RuleRefusal extends Error {
  code: string;
  details?: Record<string, unknown>;
}

/** The domain's `DomainError` and the plan's `PlanError`, recognised by shape, not by class. */
const isRuleRefusal = (error: unknown): error is RuleRefusal =>
  error instanceof Error &&
  (error.name === 'DomainError' || error.name === 'PlanError') &&
  typeof (error as RuleRefusal).code === 'string';

const problem = (status: number, code: string, detail: string, extra: Partial<Problem> = {}): Problem => ({
  type: problemType(code),
  title: STATUS_CODES[status] ?? 'Error',
  status,
  detail,
  code,
  ...extra,
});

const fieldErrorsOf = (details: Record<string, unknown> | undefined): FieldError[] | undefined =>
  Array.isArray(details?.errors) ? (details.errors as FieldError[]) : undefined;

/** Maps anything thrown while serving a request to the problem answered; one place for every route. */
export function problemOf(error: unknown): ProblemAnswer {
  if (error instanceof ProblemException) {
    const { errors, headers } = error.extras;
    return { problem: problem(error.getStatus(), error.code, error.message, errors ? { errors } : {}), headers };
  }
  if (error instanceof RequestError)
    return { problem: problem(error.status, error.code, error.message, error.errors ? { errors: error.errors } : {}) };
  if (isRuleRefusal(error)) {
    const status =
      CODE_STATUS[error.code] ??
      (/_NOT_FOUND$/.test(error.code) ? 404 : /_ALREADY_EXISTS$/.test(error.code) ? 409 : 422);
    const errors = fieldErrorsOf(error.details);
    return {
      problem: problem(status, error.code, error.message, {
        ...(errors ? { errors } : {}),
        ...(error.details ? { details: error.details } : {}),
      }),
    };
  }
  if (error instanceof Error && error.name === 'ConcurrencyError')
    return { problem: problem(409, 'VERSION_CONFLICT', `${error.message}; reload and try again`) };
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body
        ? (body as { message: unknown }).message
        : error.message;
    return {
      problem: problem(
        status,
        DEFAULT_CODES[status] ?? `HTTP_${status}`,
        Array.isArray(message) ? message.join('; ') : String(message),
      ),
      unexpected: status >= 500,
    };
  }
  return { problem: problem(500, 'INTERNAL_ERROR', 'an unexpected error occurred; it was logged'), unexpected: true };
}
