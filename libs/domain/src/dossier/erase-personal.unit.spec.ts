import { deciderSpec, fold } from '../testing/decider-spec';
import { command, ctx, eventsBefore, eventsThrough } from '../testing/fixtures';
import { ruleSetFor, todayOf } from './context';
import { candidateOf, stepsOf } from './view';

const spec = deciderSpec(ctx);
const erase = command('ErasePersonalData', {
  reason: 'Người có dữ liệu rút hồ sơ và đề nghị xóa',
  legalBasis: 'Luật Bảo vệ dữ liệu cá nhân 2025, Điều 16',
});
const erasure = (erasedOn = '2024-03-20') => ({
  type: 'PersonalDataErased' as const,
  data: { reason: 'r', legalBasis: 'b', erasedOn, ruleSet: 'qd24-2021' },
});

describe('erasure of the personal data', () => {
  it('is recorded with its reason and legal basis, dated today', () => {
    spec(eventsThrough('NominateCandidate'))
      .when(erase)
      .then([
        {
          type: 'PersonalDataErased',
          data: { ...erase.data, erasedOn: todayOf(ctx), ruleSet: ruleSetFor(todayOf(ctx), ctx).id },
        },
      ]);
  });

  it('is refused twice, and for a dossier that does not exist', () => {
    spec([...eventsThrough('NominateCandidate'), erasure()])
      .when(erase)
      .thenThrows('PERSONAL_DATA_ERASED');
    spec([]).when(erase).thenThrows('DOSSIER_NOT_FOUND');
  });

  it('refuses a reason or a legal basis left empty', () => {
    spec(eventsThrough('NominateCandidate'))
      .when(command('ErasePersonalData', { reason: '', legalBasis: 'x' }))
      .thenThrows('INVALID_COMMAND');
    spec(eventsThrough('NominateCandidate'))
      .when(command('ErasePersonalData', { reason: 'x' } as never))
      .thenThrows('INVALID_COMMAND');
  });

  it('makes a state folded before it forget every personal part, as a fold of what the store reads after', () => {
    const state = fold([...eventsThrough('RecordIntroducers'), erasure()]);
    expect(candidateOf(state)).toEqual(expect.objectContaining({ fullName: null, birthDate: null }));
    expect(state.records.every((r) => !('personal' in r.event.data) || r.event.data.personal === null)).toBe(true);
    expect(JSON.stringify(stepsOf(state))).not.toContain('Nguyễn Thị An');
    expect(state.erasure).toMatchObject({ erasedOn: '2024-03-20', eventId: expect.any(String) });
    expect(state.stage).toBe(fold(eventsThrough('RecordIntroducers')).stage);
  });

  it('refuses a step judged on the candidate (introducers, branch resolution) and records the others', () => {
    spec([...eventsBefore('RecordIntroducers'), erasure()])
      .when(command('RecordIntroducers'))
      .thenThrows('PERSONAL_DATA_ERASED');
    spec([...eventsBefore('RecordBranchResolution'), erasure()])
      .when(command('RecordBranchResolution'))
      .thenThrows('PERSONAL_DATA_ERASED');
    spec([...eventsBefore('CollectOpinions'), erasure()])
      .when(command('CollectOpinions'))
      .then([expect.objectContaining({ type: 'OpinionsCollected' })]);
  });
});
