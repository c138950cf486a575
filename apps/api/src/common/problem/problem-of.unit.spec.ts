import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ConcurrencyError } from '@ketnap/event-store';
import { VersionConflictError } from '@ketnap/engine';
import { ProblemException } from './problem';
import { problemOf } from './problem-of';

/** Shaped like the domain's DomainError, which this layer matches by name and `code`, not by class. */
class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

describe('problemOf', () => {
  it('answers a rule refusal with 422 and its stable code and figures', () => {
    expect(
      problemOf(
        new DomainError('VOTE_THRESHOLD_NOT_MET', 'cần 2/3 số đảng viên chính thức', { votesFor: 5, required: 6 }),
      ).problem,
    ).toEqual({
      type: 'urn:ketnap:problem:vote-threshold-not-met',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'cần 2/3 số đảng viên chính thức',
      code: 'VOTE_THRESHOLD_NOT_MET',
      details: { votesFor: 5, required: 6 },
    });
  });

  it('maps the domain codes that are not rule violations: invalid command 400 with its fields, not found 404, already exists 409', () => {
    const invalid = problemOf(
      new DomainError('INVALID_COMMAND', 'bad', { errors: [{ field: 'candidate.birthDate', message: 'not a date' }] }),
    ).problem;
    expect(invalid).toMatchObject({ status: 400, errors: [{ field: 'candidate.birthDate', message: 'not a date' }] });
    expect(problemOf(new DomainError('DOSSIER_NOT_FOUND', 'no dossier')).problem.status).toBe(404);
    expect(problemOf(new DomainError('DOSSIER_ALREADY_EXISTS', 'exists')).problem.status).toBe(409);
  });

  it('answers version conflicts with 409, from If-Match or from the store after the retries', () => {
    expect(problemOf(new VersionConflictError('dossier d-1', 3, 4)).problem).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
    expect(problemOf(new ConcurrencyError('dossier-1', 3, 5)).problem).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
  });

  it("keeps the status, code, fields and headers of the API's own problems, and maps plain HTTP exceptions", () => {
    const limited = problemOf(
      new ProblemException(429, 'TOO_MANY_FAILED_AUTHENTICATIONS', 'wait', { headers: { 'Retry-After': '30' } }),
    );
    expect(limited).toMatchObject({
      problem: { status: 429, title: 'Too Many Requests' },
      headers: { 'Retry-After': '30' },
    });
    expect(problemOf(new NotFoundException('no unit x')).problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'no unit x',
    });
    expect(problemOf(new BadRequestException(['a', 'b'])).problem).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      detail: 'a; b',
    });
  });

  it('answers anything else with a generic 500 and marks it to be logged', () => {
    const answer = problemOf(new TypeError('cannot read properties of undefined (reading candidate.fullName)'));
    expect(answer).toMatchObject({
      unexpected: true,
      problem: { status: 500, code: 'INTERNAL_ERROR', detail: 'an unexpected error occurred; it was logged' },
    });
  });
});
