import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import {
  CodedError,
  DEFAULT_LOCALE,
  RULE_CODES,
  errorMessageOf,
  messageOf,
  type FieldError,
  type Locale,
  type RequestCode,
} from '@ketnap/domain';
import { RequestError, VersionConflictError, type RefusalKind } from '@ketnap/engine';
import { ConcurrencyError } from '@ketnap/event-store';
import { ReadModelNotBuiltError } from '@ketnap/projections';
import { ProblemException, problemType, type Problem, type ProblemField } from './problem';

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
 * inspection-case and account vocabularies that are not rule violations; every other code is a 422.
 */
const CODE_STATUS: Record<string, number> = {
  ...Object.fromEntries(RULE_CODES.map((rule) => [rule.code, rule.status])),
  PLAN_FORMAT_INVALID: 400,
  COMMITTEE_REQUIRED: 400,
  INSPECTION_CASE_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
};

/** The code of a plain HTTP error (a route that does not exist, a method it does not take) by its status. */
export const DEFAULT_CODES: Readonly<Record<number, RequestCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** The code of a plain HTTP error of `status`: its own, else the generic one of its class. */
const defaultCodeOf = (status: number): RequestCode =>
  DEFAULT_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');

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

/** Each invalid field with its message in `locale`: one message per field, rendered here and only here. */
const renderFields = (errors: readonly FieldError[], locale: Locale): ProblemField[] =>
  errors.map((e) => ({ field: e.field, message: messageOf(e.key, e.params ?? {}, locale) ?? e.message }));

const fieldErrorsOf = (details: Record<string, unknown> | undefined): FieldError[] | undefined =>
  Array.isArray(details?.errors) ? (details.errors as FieldError[]) : undefined;

/** The detail of a message every reader sees alike: the code's own catalogue message. */
const codeMessage = (code: RequestCode, locale: Locale, params = {}): string =>
  messageOf(code, params, locale) as string;

/**
 * Maps anything thrown while serving a request to the problem answered, by the error's type: the one
 * place where refusals become statuses, for every route. `detail` and the fields' messages are
 * rendered from the catalogue in `locale`.
 */
export function problemOf(error: unknown, locale: Locale = DEFAULT_LOCALE): ProblemAnswer {
  if (error instanceof ProblemException) {
    const { errors, headers } = error.extras;
    const extra = errors ? { errors: renderFields(errors, locale) } : {};
    return { problem: problem(error.getStatus(), error.code, errorMessageOf(error, locale), extra), headers };
  }
  if (error instanceof RequestError) {
    const extra = error.errors ? { errors: renderFields(error.errors, locale) } : {};
    return { problem: problem(KIND_STATUS[error.kind], error.code, errorMessageOf(error, locale), extra) };
  }
  if (error instanceof CodedError) {
    const fields = fieldErrorsOf(error.details);
    const errors = fields && renderFields(fields, locale);
    const details = error.details && (errors ? { ...error.details, errors } : error.details);
    const extra = { ...(errors ? { errors } : {}), ...(details ? { details } : {}) };
    return { problem: problem(CODE_STATUS[error.code] ?? 422, error.code, errorMessageOf(error, locale), extra) };
  }
  if (error instanceof ConcurrencyError) {
    if (error instanceof VersionConflictError)
      return { problem: problem(409, 'VERSION_CONFLICT', errorMessageOf(error, locale)) };
    const { streamId, expected, actual } = error;
    const key = actual === null ? 'VERSION_CONFLICT.stream-missing' : 'VERSION_CONFLICT.stream';
    const detail = messageOf(key, { streamId, expected: String(expected), actual: String(actual) }, locale);
    return { problem: problem(409, 'VERSION_CONFLICT', detail as string) };
  }
  if (error instanceof ReadModelNotBuiltError) {
    return {
      problem: problem(
        503,
        'READ_MODEL_NOT_READY',
        codeMessage('READ_MODEL_NOT_READY', locale, { projection: error.projection }),
      ),
      headers: { 'Retry-After': '1' },
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = defaultCodeOf(status);
    return { problem: problem(status, code, codeMessage(code, locale)), unexpected: status >= 500 };
  }
  return { problem: problem(500, 'INTERNAL_ERROR', codeMessage('INTERNAL_ERROR', locale)), unexpected: true };
}
