import { MAIN_LINE, command, history } from '../testing/fixtures';
import type { DossierCommand } from './commands';
import { STAGE_AFTER } from './stage';

const through = (last: (typeof MAIN_LINE)[number], ...extra: DossierCommand[]) => [
  ...MAIN_LINE.slice(0, MAIN_LINE.indexOf(last) + 1).map((t) => command(t) as DossierCommand),
  ...extra,
];

describe('STAGE_AFTER', () => {
  it.each(MAIN_LINE)('gives the stage the domain folds after %s', (step) => {
    const { events, state } = history(through(step));
    expect(STAGE_AFTER[events.at(-1)!.type as keyof typeof STAGE_AFTER]).toBe(state.stage);
  });

  it.each([
    ['a refusal', through('RecordCommitteeResolution', command('RecordAdmissionDecision', { outcome: 'refused' }))],
    ['a withdrawal', through('RecordIntroducers', command('WithdrawCandidate', { withdrawnOn: '2024-01-20' }))],
    ['a failed branch vote', through('CollectOpinions', command('RecordBranchResolution', { votesFor: 3 }))],
    ['a removal', through('RecordRecognitionReview', command('RecordRecognitionDecision', { outcome: 'removed' }))],
  ])('agrees with the domain after %s', (_, commands) => {
    const { events, state } = history(commands);
    expect(STAGE_AFTER[events.at(-1)!.type as keyof typeof STAGE_AFTER]).toBe(state.stage);
  });

  it('leaves the stage alone on side steps, as the domain does', () => {
    const { events, state } = history(through('RecordBranchResolution', command('ExtendDecisionDeadline')));
    expect(events.at(-1)!.type).toBe('DecisionDeadlineExtended');
    expect(STAGE_AFTER.DecisionDeadlineExtended).toBeNull();
    expect(state.stage).toBe('proposed');
  });
});
