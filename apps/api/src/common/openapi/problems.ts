import { PayloadTooLargeException } from '@nestjs/common';
import { DEFAULT_LOCALE, DomainError, InspectionCaseError, whyUnitMisfits, type FieldError } from '@ketnap/domain';
import { IdempotencyKeyReusedError, VersionConflictError } from '@ketnap/engine';
import { ReadModelNotBuiltError } from '@ketnap/projections';
import { unauthenticated } from '../auth/authenticator';
import { ProblemException, type Problem } from '../problem/problem';
import { problemOf } from '../problem/problem-of';
import { invalidHeader } from '../request/write-headers';
import { validationRefusal } from '../validation/validation.pipe';

/**
 * The example of a problem in the OpenAPI document: what the API answers for `error`, through the one
 * mapping of errors to problems, in the default language (Vietnamese). An example is never written by
 * hand: it is the answer to an error the route raises, with the key and parameters it raises it with.
 */
export const exampleOf = (error: unknown): Problem => problemOf(error, DEFAULT_LOCALE).problem;

const DOSSIER_ID = '61e43c88-da60-492c-b551-3414f88bacb8';

/** The problems the API answers on many routes, as the OpenAPI document shows them (`ApiProblems`). */
export const PROBLEMS = {
  /** 400: fields of the body, the path or the query are invalid, as the validation pipe refuses them. */
  invalid: (...errors: FieldError[]): Problem => exampleOf(validationRefusal(errors)),
  malformedJson: exampleOf(new ProblemException(400, 'MALFORMED_JSON')),
  invalidHeader: exampleOf(invalidHeader('If-Match', 'field.if-match')),
  unauthenticated: exampleOf(unauthenticated('UNAUTHENTICATED', {}, 'Bearer')),
  forbidden: exampleOf(new ProblemException(403, 'FORBIDDEN', { role: 'viewer', permissions: ['dossiers:nominate'] })),
  versionConflict: exampleOf(
    new VersionConflictError('unit-lang-ca', { key: 'resource.unit', params: { id: 'lang-ca' } }, 1, 2),
  ),
  idempotencyKeyReused: exampleOf(new IdempotencyKeyReusedError()),
  payloadTooLarge: exampleOf(new PayloadTooLargeException()),
  unsupportedMediaType: exampleOf(new ProblemException(415, 'UNSUPPORTED_MEDIA_TYPE')),
  /** 422: the branch of a nomination is not a branch of the catalog (the domain's units rule). */
  unknownBranch: exampleOf(
    new DomainError(
      'UNKNOWN_UNIT.branch',
      { unitId: 'thon-ba', why: whyUnitMisfits(undefined) },
      { field: 'branchId', unitId: 'thon-ba', expected: 'a branch' },
    ),
  ),
  tooManyFailedAuthentications: exampleOf(
    new ProblemException(429, 'TOO_MANY_FAILED_AUTHENTICATIONS', { wait: 42 }, { headers: { 'Retry-After': '42' } }),
  ),
  tooManyExpensiveReads: exampleOf(
    new ProblemException(
      429,
      'TOO_MANY_REQUESTS.expensive-reads',
      { max: 6, wait: 12 },
      { headers: { 'Retry-After': '12' } },
    ),
  ),
  readModelNotReady: exampleOf(new ReadModelNotBuiltError('dossier-list')),
  /** 404 of a dossier the engine does not find when a step is recorded (the domain's own refusal). */
  dossierNotFound: exampleOf(new DomainError('DOSSIER_NOT_FOUND')),
  /** 404 of a dossier a read does not find. */
  dossierIdNotFound: exampleOf(new ProblemException(404, 'DOSSIER_NOT_FOUND.id', { id: DOSSIER_ID })),
  caseNotFound: exampleOf(new InspectionCaseError('INSPECTION_CASE_NOT_FOUND')),
  caseClosed: exampleOf(new InspectionCaseError('CASE_CLOSED')),
  caseWithdrawn: exampleOf(
    new InspectionCaseError(
      'CASE_WITHDRAWN',
      {},
      { reason: 'The due date of the admission-decision obligation moved from 2024-06-04 to 2024-06-18.' },
    ),
  ),
  /** A problem of another error a route raises (`new ProblemException(404, 'NOT_FOUND.unit', …)`). */
  of: exampleOf,
};
