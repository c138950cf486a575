/**
 * The problems the API answers on many routes, as the OpenAPI document shows them: the status, the
 * stable code and an example of its detail (`ApiProblems` turns them into responses).
 */
export interface ProblemAnswer {
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;
  code: string;
  /** An example of the detail a person reads. */
  detail: string;
  errors?: Array<{ field: string; message: string }>;
  details?: Record<string, unknown>;
}

const answer = (status: ProblemAnswer['status'], code: string, detail: string, extra: Partial<ProblemAnswer> = {}) => ({
  status,
  code,
  detail,
  ...extra,
});

export const PROBLEMS = {
  /** 400: a field of the body, the path or the query is invalid (each one listed in `errors`). */
  invalid: (field: string, message: string): ProblemAnswer =>
    answer(400, 'VALIDATION_FAILED', `invalid request: ${field}`, { errors: [{ field, message }] }),
  malformedJson: answer(400, 'MALFORMED_JSON', 'the body is not valid JSON'),
  invalidHeader: answer(400, 'INVALID_HEADER', 'If-Match must be the version number the client last saw, such as 3', {
    errors: [{ field: 'If-Match', message: 'must be the version number the client last saw, such as 3 or "3"' }],
  }),
  unauthenticated: answer(401, 'UNAUTHENTICATED', 'send the header Authorization: Bearer <token>'),
  forbidden: answer(403, 'FORBIDDEN', 'the role viewer may not do this (needs dossiers:nominate)'),
  versionConflict: answer(409, 'VERSION_CONFLICT', 'unit lang-ca is at version 2, not 1; reload and try again'),
  payloadTooLarge: answer(413, 'PAYLOAD_TOO_LARGE', 'the body is larger than 1 MiB'),
  unsupportedMediaType: answer(415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'),
  unknownUnit: answer(
    422,
    'UNKNOWN_UNIT',
    'branchId must name a branch; thon-ba does not fit: there is no such unit.',
    {
      details: { field: 'branchId', unitId: 'thon-ba', expected: 'a branch' },
    },
  ),
  tooManyFailedAuthentications: answer(
    429,
    'TOO_MANY_FAILED_AUTHENTICATIONS',
    'too many failed authentications from this address; retry in 42 s',
  ),
  tooManyExpensiveReads: answer(
    429,
    'TOO_MANY_REQUESTS',
    'too many expensive reads by this token (at most 6 a minute); retry in 12 s',
  ),
  readModelNotReady: answer(503, 'READ_MODEL_NOT_READY', 'read model dossier-list is not built yet; retry in a moment'),
  /** 404: the id names nothing (`code` names what: `DOSSIER_NOT_FOUND`, `PLAN_NOT_FOUND`, …). */
  notFound: (code: string, detail: string): ProblemAnswer => answer(404, code, detail),
  /** 422: a rule forbids it. */
  refused: (code: string, detail: string, details?: Record<string, unknown>): ProblemAnswer =>
    answer(422, code, detail, details ? { details } : {}),
} satisfies Record<string, ProblemAnswer | ((...args: never[]) => ProblemAnswer)>;
