import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError, InspectionCaseError, PlanError, fieldError, hasMessage, type RuleCode } from '@ketnap/domain';
import { ConcurrencyError } from '@ketnap/event-store';
import { VersionConflictError } from '@ketnap/engine';
import { ProblemException } from './problem';
import { DEFAULT_CODES, problemOf } from './problem-of';

describe('problemOf', () => {
  it('answers a rule refusal with 422 and its stable code and figures', () => {
    const params = { body: { key: 'body.branch' }, needed: 6, members: 9, num: 2, den: 3, votesFor: 5 } as const;
    const error = new DomainError('VOTE_THRESHOLD_NOT_MET', params, { votesFor: 5, required: 6 });
    expect(problemOf(error).problem).toEqual({
      type: 'urn:ketnap:problem:vote-threshold-not-met',
      title: 'Unprocessable Entity',
      status: 422,
      detail:
        'Nghị quyết của chi bộ cần ít nhất 6 trên 9 phiếu tán thành (2/3); chỉ có 5 phiếu. Nghị quyết không được thông qua.',
      code: 'VOTE_THRESHOLD_NOT_MET',
      details: { votesFor: 5, required: 6 },
    });
    expect(problemOf(error, 'en').problem.detail).toBe(
      'The branch resolution needs at least 6 of 9 votes (2/3); it had 5. It is not adopted.',
    );
  });

  it('maps the domain codes that are not rule violations: invalid command 400 with its fields, not found 404, already exists 409', () => {
    const errors = [fieldError('candidate.birthDate', 'field.date')];
    const command = new DomainError('INVALID_COMMAND', { fields: ['candidate.birthDate'] }, { errors });
    const invalid = problemOf(command).problem;
    const rendered = [
      {
        field: 'candidate.birthDate',
        message: 'phải là một ngày có thật, viết theo dạng YYYY-MM-DD (ví dụ 2024-12-31)',
      },
    ];
    expect(invalid).toEqual({
      type: 'urn:ketnap:problem:invalid-command',
      title: 'Bad Request',
      status: 400,
      detail: 'Một số trường bị thiếu hoặc sai: candidate.birthDate.',
      code: 'INVALID_COMMAND',
      errors: rendered,
      details: { errors: rendered },
    });
    expect(problemOf(command, 'en').problem.errors).toEqual([
      { field: 'candidate.birthDate', message: 'must be a date YYYY-MM-DD' },
    ]);
    expect(problemOf(new DomainError('DOSSIER_NOT_FOUND')).problem.status).toBe(404);
    expect(problemOf(new DomainError('DOSSIER_ALREADY_EXISTS')).problem.status).toBe(409);
  });

  it('maps every refusal of the domain by its type and code, the plan and case vocabularies too', () => {
    const statuses = (codes: string[], make: (code: string) => Error) =>
      codes.map((code) => problemOf(make(code)).problem.status);
    expect(
      statuses(
        ['PLAN_FORMAT_INVALID', 'UNKNOWN_UNIT', 'UNIT_PARENT_INVALID'],
        (c) => new PlanError(c as 'UNKNOWN_UNIT'),
      ),
    ).toEqual([400, 422, 422]);
    expect(
      statuses(
        ['INVALID_COMMAND', 'INSPECTION_CASE_NOT_FOUND', 'CASE_CLOSED'],
        (c) => new InspectionCaseError(c as 'CASE_CLOSED'),
      ),
    ).toEqual([400, 404, 422]);
    expect(statuses(['UNKNOWN_UNIT', 'STEP_OUT_OF_ORDER'], (c) => new DomainError(c as RuleCode))).toEqual([422, 422]);
    // Matched by type: an error that only looks like a refusal is a fault.
    const lookalike = Object.assign(new Error('x'), { name: 'DomainError', code: 'STEP_OUT_OF_ORDER' });
    expect(problemOf(lookalike)).toMatchObject({ problem: { status: 500 }, unexpected: true });
  });

  it('answers version conflicts with 409, from If-Match or from the store after the retries', () => {
    const dossier = { key: 'resource.dossier', params: { id: 'd-1' } } as const;
    expect(problemOf(new VersionConflictError('dossier-d-1', dossier, 3, 4)).problem).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      detail: 'Hồ sơ d-1 đang ở phiên bản 4, không phải 3: hãy tải lại rồi thử lại.',
    });
    expect(problemOf(new VersionConflictError('dossier-d-1', dossier, 3, 4), 'en').problem.detail).toBe(
      'dossier d-1 is at version 4, not 3: reload it and try again',
    );
    expect(problemOf(new ConcurrencyError('dossier-1', 3, 5), 'en').problem).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      detail: 'stream dossier-1: expected version 3, but it is at version 5; reload and try again',
    });
  });

  it("keeps the status, code, fields and headers of the API's own problems, and maps plain HTTP exceptions", () => {
    const limited = problemOf(
      new ProblemException(429, 'TOO_MANY_FAILED_AUTHENTICATIONS', { wait: 30 }, { headers: { 'Retry-After': '30' } }),
    );
    expect(limited).toMatchObject({
      problem: {
        status: 429,
        title: 'Too Many Requests',
        code: 'TOO_MANY_FAILED_AUTHENTICATIONS',
        detail: 'Địa chỉ này đã xác thực thất bại quá nhiều lần; hãy thử lại sau 30 giây.',
      },
      headers: { 'Retry-After': '30' },
    });
    // A plain HTTP exception's own text is English and not for people: the answer says its code's message.
    expect(problemOf(new NotFoundException('no unit x'), 'en').problem).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Nothing was found here.',
    });
    expect(problemOf(new BadRequestException(['a', 'b']), 'en').problem).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
      detail: 'The request is not valid.',
    });
    expect(problemOf(new HttpException('x', 418)).problem).toMatchObject({ status: 418, code: 'BAD_REQUEST' });
    expect(Object.values(DEFAULT_CODES).filter((code) => !hasMessage(code))).toEqual([]);
  });

  it('answers anything else with a generic 500 and marks it to be logged', () => {
    const fault = new TypeError('cannot read properties of undefined (reading candidate.fullName)');
    expect(problemOf(fault, 'en')).toMatchObject({
      unexpected: true,
      problem: { status: 500, code: 'INTERNAL_ERROR', detail: 'an unexpected error occurred; it was logged' },
    });
    expect(problemOf(fault).problem.detail).toBe('Đã xảy ra lỗi ngoài dự kiến; lỗi đã được ghi vào nhật ký.');
  });
});
