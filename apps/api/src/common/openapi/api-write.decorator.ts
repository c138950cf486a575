import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from './api-problems.decorator';
import type { Problem } from '../problem/problem';
import { PROBLEMS } from './problems';

/** The problems of any body, read or not: malformed JSON, too large, another media type. */
const BODY_PROBLEMS = [PROBLEMS.malformedJson, PROBLEMS.payloadTooLarge, PROBLEMS.unsupportedMediaType];

/**
 * A write of `resource` (API.md "Conventions"): its `If-Match` and `Idempotency-Key` headers and the
 * problems every write may answer (an invalid body or header, a stale version, a reused key, the body's own);
 * `invalid` is the example of an invalid body.
 */
export const ApiWrite = (resource: string, invalid: Problem): MethodDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: `The ${resource}'s version the client last saw, such as 3 or "3" (409 when stale)`,
      schema: { type: 'string', example: '3' },
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Makes the write safe to resend: a resend answers the first result (1 to 128 visible ASCII)',
      schema: { type: 'string', example: '0f8fad5b-d9cb-469f-a165-70867728950e' },
    }),
    ApiProblems(
      invalid,
      PROBLEMS.invalidHeader,
      PROBLEMS.versionConflict,
      PROBLEMS.idempotencyKeyReused,
      ...BODY_PROBLEMS,
    ),
  );

/**
 * A write that takes no input on purpose (`x-ketnap-no-body` says why in the OpenAPI document): a body
 * sent anyway is ignored, once it parses.
 */
export const ApiNoBody = (why: string): MethodDecorator =>
  applyDecorators(ApiExtension('x-ketnap-no-body', why), ApiProblems(...BODY_PROBLEMS));
