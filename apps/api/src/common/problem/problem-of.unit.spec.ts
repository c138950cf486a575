import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, InspectionCaseError, PlanError, type RuleCode } from '@ketnap/domain';
import { ConcurrencyError } from '@ketnap/event-store';
import { VersionConflictError } from '@ketnap/engine';
import { ProblemException } from './problem';
import { problemOf } from './problem-of';

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

  it('maps every refusal of the domain by its type and code, the plan and case vocabularies too', () => {
    const statuses = (codes: string[], make: (code: string) => Error) =>
      codes.map((code) => problemOf(make(code)).problem.status);
    expect(
      statuses(
        ['PLAN_FORMAT_INVALID', 'UNKNOWN_UNIT', 'UNIT_PARENT_INVALID'],
        (c) => new PlanError(c as 'UNKNOWN_UNIT', 'x'),
      ),
    ).toEqual([400, 422, 422]);
    expect(
      statuses(
        ['INVALID_COMMAND', 'INSPECTION_CASE_NOT_FOUND', 'CASE_CLOSED'],
        (c) => new InspectionCaseError(c as 'CASE_CLOSED', 'x'),
      ),
    ).toEqual([400, 404, 422]);
    expect(statuses(['UNKNOWN_UNIT', 'STEP_OUT_OF_ORDER'], (c) => new DomainError(c as RuleCode, 'x'))).toEqual([
      422, 422,
    ]);
    // Matched by type: an error that only looks like a refusal is a fault.
    const lookalike = Object.assign(new Error('x'), { name: 'DomainError', code: 'STEP_OUT_OF_ORDER' });
    expect(problemOf(lookalike)).toMatchObject({ problem: { status: 500 }, unexpected: true });
  });

  it('answers version conflicts with 409, from If-Match or from the store after the retries', () => {
    expect(problemOf(new VersionConflictError('dossier-d-1', 'dossier d-1', 3, 4)).problem).toMatchObject({
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
