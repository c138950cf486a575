import { deciderSpec } from '../../testing/decider-spec';
import { candidate, command, ctx, eventsBefore, member, storedIntroducers } from '../../testing/fixtures';
import { introducerPath } from './introducers.rule';

const spec = deciderSpec(ctx);
const youthUnion = { kind: 'youth-union' as const, name: 'BCH Đoàn xã Đồng Tiến' };
const tradeUnion = { kind: 'trade-union' as const, name: 'BCH Công đoàn trường' };
const recorded = (introducers: Array<{ name: string }>) => [
  {
    type: 'IntroducersRecorded',
    data: { recordedOn: '2024-01-10', ...storedIntroducers(introducers), ruleSet: 'qd24-2021' },
  },
];
const when = (introducers: object[], overrides = {}) =>
  spec(eventsBefore('RecordIntroducers', overrides)).when(
    command('RecordIntroducers', { introducers: introducers as never }),
  );

describe('introducers (Party Charter Art. 4; QĐ 24/294-QĐ/TW 3.2.1)', () => {
  it('accepts a member who has known the candidate exactly 12 months', () => {
    const introducers = [member({ knownSince: '2023-01-10' }), member()];
    when(introducers, candidate({ youthUnionMember: false })).then(recorded(introducers) as never);
  });

  it('refuses a member who has known the candidate 11 months', () =>
    when([member({ knownSince: '2023-01-11' }), member()]).thenThrows('INTRODUCER_NOT_ELIGIBLE', {
      index: 0,
      knownSince: '2023-01-11',
    }));

  it('refuses a member without an acquaintance date', () =>
    when([member(), member({ knownSince: undefined })]).thenThrows('INTRODUCER_NOT_ELIGIBLE', { index: 1 }));

  it('refuses a member who is not yet official (probationary) on the day', () =>
    when([member({ officialSince: '2024-01-11' }), member()]).thenThrows('INTRODUCER_NOT_ELIGIBLE', {
      index: 0,
      officialSince: '2024-01-11',
    }));

  it('refuses a member without the date of becoming official', () =>
    when([member({ officialSince: undefined }), member()]).thenThrows('INTRODUCER_NOT_ELIGIBLE', { index: 0 }));

  it('accepts the Youth Union executive and one member for a Youth Union member of 30', () => {
    const introducers = [youthUnion, member()];
    when(introducers, candidate({ birthDate: '1993-01-11' })).then(recorded(introducers) as never);
  });

  it('refuses the Youth Union path for a candidate of 31', () =>
    when([youthUnion, member()], candidate({ birthDate: '1993-01-10' })).thenThrows('INTRODUCER_NOT_ELIGIBLE', {
      age: 31,
    }));

  it('refuses the Youth Union path for a candidate who is not a Youth Union member', () =>
    when([youthUnion, member()], candidate({ youthUnionMember: false })).thenThrows('INTRODUCER_NOT_ELIGIBLE', {
      youthUnionMember: false,
    }));

  it('accepts the trade-union executive and one member', () => {
    const introducers = [member(), tradeUnion];
    when(introducers).then(recorded(introducers) as never);
  });

  it('refuses two executives without a member, and a single introducer', () => {
    when([youthUnion, tradeUnion]).thenThrows('INTRODUCER_NOT_ELIGIBLE', { kinds: ['youth-union', 'trade-union'] });
    when([member()]).thenThrows('INTRODUCER_NOT_ELIGIBLE');
  });

  it('refuses another mass organisation as an introducer', () =>
    when([{ kind: 'women-union', name: 'Hội Phụ nữ' }, member()]).thenThrows('INVALID_COMMAND', {
      errors: [{ field: 'introducers[0].kind', message: expect.any(String) }],
    }));

  it('names the path followed', () => {
    expect(introducerPath([member(), member()])).toBe('two-members');
    expect(introducerPath([youthUnion, member()])).toBe('youth-union');
    expect(introducerPath([member(), tradeUnion])).toBe('trade-union');
  });
});
