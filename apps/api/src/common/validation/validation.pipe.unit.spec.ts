import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsObject, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsLegalDate } from './is-legal-date.validator';
import { validateBody } from './validation.pipe';

class CandidateDto {
  @IsString() fullName!: string;
  @IsLegalDate() birthDate!: string;
}

class NominateDto {
  // A required nested object needs @IsObject() (or @IsDefined()): @ValidateNested() alone skips undefined.
  @IsObject() @ValidateNested() @Type(() => CandidateDto) candidate!: CandidateDto;
  @IsIn(['male', 'female']) gender!: string;
  @IsLegalDate() nominatedOn!: string;
}

class MemberDto {
  @IsString() @IsNotEmpty() @MaxLength(100) ethnicity!: string;
  @IsInt() @Min(0) @Max(10_000) officialMembers!: number;
}

const messagesOf = (body: unknown) =>
  validateBody(MemberDto, body).then(
    () => [],
    (error) => error.extras.errors,
  );

const fieldsOf = (body: unknown) =>
  validateBody(NominateDto, body).then(
    () => [],
    (error) => error.extras.errors.map((e: { field: string }) => e.field),
  );

describe('request validation', () => {
  it('lists every invalid field, nested ones with dotted paths, and unknown fields', async () => {
    const body = {
      candidate: { fullName: 7, birthDate: '2025-02-30', nickname: 'x' },
      gender: 'other',
      nominatedOn: '2024-2-1',
      extra: true,
    };
    expect((await fieldsOf(body)).sort()).toEqual([
      'candidate.birthDate',
      'candidate.fullName',
      'candidate.nickname',
      'extra',
      'gender',
      'nominatedOn',
    ]);
  });

  it('accepts legal dates that exist, leap days included, and turns the body into the DTO', async () => {
    const dto = await validateBody(NominateDto, {
      candidate: { fullName: 'A', birthDate: '2004-02-29' },
      gender: 'male',
      nominatedOn: '2024-12-31',
    });
    expect(dto).toBeInstanceOf(NominateDto);
    expect(dto.candidate).toBeInstanceOf(CandidateDto);
  });

  it('says what a legal date must look like', async () => {
    const error = await validateBody(NominateDto, {
      candidate: { fullName: 'A', birthDate: '30/02/2025' },
      gender: 'male',
      nominatedOn: '2024-01-01',
    }).catch((e) => e);
    expect(error.extras.errors).toEqual([
      { field: 'candidate.birthDate', key: 'field.date', message: 'must be a date YYYY-MM-DD' },
    ]);
  });

  it('refuses a body that is not an object, and validates a missing one as empty', async () => {
    expect(await fieldsOf(['a'])).toEqual(['body']);
    expect(await fieldsOf(undefined)).toEqual(['candidate', 'gender', 'nominatedOn']);
  });

  it('says what is wrong with a field once, the most relevant failure first: unknown, required, type, range', async () => {
    expect(await messagesOf({ officialMembers: 10 })).toEqual([
      { field: 'ethnicity', key: 'field.required', message: 'is required' },
    ]);
    expect(await messagesOf({ ethnicity: '', officialMembers: 10 })).toEqual([
      { field: 'ethnicity', key: 'field.required', message: 'is required' },
    ]);
    expect(await messagesOf({ ethnicity: 7, officialMembers: 10 })).toEqual([
      { field: 'ethnicity', key: 'field.string', message: 'must be a text' },
    ]);
    expect(await messagesOf({ ethnicity: 'x'.repeat(101), officialMembers: 10 })).toEqual([
      { field: 'ethnicity', key: 'field.max-length', params: { max: 100 }, message: 'must be at most 100 characters' },
    ]);
    const range = {
      key: 'field.integer-range',
      params: { min: 0, max: 10_000 },
      message: 'must be a whole number from 0 to 10,000',
    };
    for (const officialMembers of [-1, 10_001, 2.5, 'many'])
      expect(await messagesOf({ ethnicity: 'Tày', officialMembers })).toEqual([{ field: 'officialMembers', ...range }]);
    expect(await messagesOf({ ethnicity: 'Tày', officialMembers: 3, colour: 'red' })).toEqual([
      { field: 'colour', key: 'field.not-allowed', message: 'is not a field of this request' },
    ]);
  });
});
