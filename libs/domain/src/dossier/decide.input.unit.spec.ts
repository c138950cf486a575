import { DomainError } from '../errors/domain-error';
import { messageOf } from '../messages/catalogue';
import { ctx, command } from '../testing/fixtures';
import { deciderSpec } from '../testing/decider-spec';
import { decide } from './decide';
import { initialState } from './state';

const spec = deciderSpec(ctx);

describe('malformed commands (INVALID_COMMAND, mapped to 400)', () => {
  it('lists every invalid field', () =>
    spec([])
      .when({
        type: 'NominateCandidate',
        data: {
          candidate: {
            fullName: '',
            birthDate: '1996-02-30',
            gender: 'x',
            ethnicity: 'Kinh',
            educationLevel: 'university',
            youthUnionMember: 'yes',
          },
          branchId: 'b',
        },
      } as never)
      .thenThrows('INVALID_COMMAND', {
        errors: [
          { field: 'candidate.fullName', message: 'must be a non-empty text' },
          { field: 'candidate.birthDate', message: 'must be a date YYYY-MM-DD' },
          { field: 'candidate.gender', message: 'must be one of male, female' },
          { field: 'candidate.youthUnionMember', message: 'must be true or false' },
          { field: 'nominatedBy', message: 'is required' },
          { field: 'nominatedOn', message: 'is required' },
        ],
      }));

  it('checks nested objects and lists', () => {
    spec([])
      .when({ type: 'NominateCandidate', data: { ...command('NominateCandidate').data, candidate: 'x' } } as never)
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'candidate', message: 'must be an object' }] });
    spec([])
      .when({ type: 'AssignHelpers', data: { helpers: [], assignedOn: '2024-01-01' } } as never)
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'helpers', message: 'must be a non-empty list' }] });
    spec([])
      .when({ type: 'AssignHelpers', data: { helpers: ['x'], assignedOn: '2024-01-01' } } as never)
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'helpers[0]', message: 'must be an object' }] });
    spec([])
      .when({ type: 'CorrectStep', data: { eventId: 'e1', changes: [], reason: 'r' } } as never)
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'changes', message: 'must be an object' }] });
    spec([])
      .when({
        type: 'RecordDeadlineBreach',
        data: { obligation: 'admission-decision', dueOn: '2024-01-01', breachedOn: '2024-01-02', workingDaysLate: 1.5 },
      } as never)
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'workingDaysLate', message: 'must be a whole number' }] });
  });

  it('refuses an unknown command, a command without data and a missing command', () => {
    spec([])
      .when({ type: 'Launch', data: {} } as never)
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'type', message: 'is unknown' }] });
    spec([])
      .when({ type: 'toString', data: {} } as never)
      .thenThrows('INVALID_COMMAND');
    spec([])
      .when({ type: 'SubmitApplication' } as never)
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'data', message: 'must be an object' }] });
    expect(() => decide(null as never, initialState(), ctx)).toThrow(DomainError);
  });

  it('a DomainError carries a stable code and a readable message', () => {
    const params = { stage: { key: 'stage.official' }, closedOn: '2024-05-01' } as const;
    const error = new DomainError('DOSSIER_CLOSED', params, { stage: 'official' });
    expect([error.name, error.code, error.message, error.details, error instanceof Error]).toEqual([
      'DomainError',
      'DOSSIER_CLOSED',
      'The dossier is closed (official on 2024-05-01); no further step can be recorded.',
      { stage: 'official' },
      true,
    ]);
    expect(messageOf(error.messageKey, error.messageParams, 'vi')).toBe(
      'Hồ sơ đã kết thúc (đã được công nhận đảng viên chính thức, ngày 01/05/2024); không thể ghi nhận thêm bước nào.',
    );
  });
});
