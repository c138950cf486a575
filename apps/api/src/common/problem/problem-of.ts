import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { CodedError, RULE_CODES } from '@ketnap/domain';
import { RequestError, VersionConflictError, type FieldError, type RefusalKind } from '@ketnap/engine';
import { ConcurrencyError } from '@ketnap/event-store';
import { ReadModelNotBuiltError } from '@ketnap/projections';
import { ProblemException, problemType, type Problem } from './problem';

/** The status of each kind of refusal the application raises. */
const KIND_STATUS: Record<RefusalKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
};

/**
 * The status of each domain refusal code: the rule codes' own (RULE_CODES), the codes of the plan and
 * inspection-case vocabularies that are not rule violations; every other code is a 422.
 */
const CODE_STATUS: Record<string, number> = {
  ...Object.fromEntries(RULE_CODES.map((rule) => [rule.code, rule.status])),
  PLAN_FORMAT_INVALID: 400,
  INSPECTION_CASE_NOT_FOUND: 404,
};

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

/**
 * Maps anything thrown while serving a request to the problem answered, by the error's type: the one
 * place where refusals become statuses, for every route.
 */
export function problemOf(error: unknown): ProblemAnswer {
  if (error instanceof ProblemException) {
    const { errors, headers } = error.extras;
    return { problem: problem(error.getStatus(), error.code, error.message, errors ? { errors } : {}), headers };
  }
  if (error instanceof RequestError) {
    return {
      problem: problem(
        KIND_STATUS[error.kind],
        error.code,
        error.message,
        error.errors ? { errors: error.errors } : {},
      ),
    };
  }
  if (error instanceof CodedError) {
    const errors = fieldErrorsOf(error.details);
    const extra = { ...(errors ? { errors } : {}), ...(error.details ? { details: error.details } : {}) };
    return { problem: problem(CODE_STATUS[error.code] ?? 422, error.code, error.message, extra) };
  }
  if (error instanceof ConcurrencyError) {
    const detail = error instanceof VersionConflictError ? error.message : `${error.message}; reload and try again`;
    return { problem: problem(409, 'VERSION_CONFLICT', detail) };
  }
  if (error instanceof ReadModelNotBuiltError) {
    return {
      problem: problem(503, 'READ_MODEL_NOT_READY', `${error.message}; retry in a moment`),
      headers: { 'Retry-After': '1' },
    };
  }
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
