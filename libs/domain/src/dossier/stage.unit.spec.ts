import { MAIN_LINE, command, history } from '../testing/fixtures';
import type { DossierCommand } from './commands';
import type { StepEvent } from './events';
import { STAGE_AFTER, stageAfter } from './stage';

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
    ['a removal', through('RecordRecognitionResolution', command('RecordRecognitionDecision', { outcome: 'removed' }))],
    [
      'a failed committee vote',
      through('RecordBranchResolution', command('RecordCommitteeResolution', { votesFor: 2 })),
    ],
    [
      'a failed recognition resolution',
      through('RecordRecognitionReview', command('RecordRecognitionResolution', { votesFor: 2 })),
    ],
    ['a death during probation', through('HoldCeremony', command('EndMembership'))],
    ['a removal during probation', through('HoldCeremony', command('EndMembership', { reason: 'removed' }))],
  ])('agrees with the domain after %s', (_, commands) => {
    const { events, state } = history(commands);
    expect(stageAfter(events.at(-1)! as StepEvent)).toBe(state.stage);
  });

  it('gives a membership ended during probation the stage of its reason', () => {
    expect(history(through('HoldCeremony', command('EndMembership'))).state.stage).toBe('ended');
    expect(history(through('HoldCeremony', command('EndMembership', { reason: 'removed' }))).state.stage).toBe(
      'removed',
    );
  });

  it.each([
    ['a transfer', through('RecordBranchResolution', command('TransferDossier')), 'proposed'],
    ['a probation helper', through('HoldCeremony', command('AssignProbationHelpers')), 'probation'],
    ['the member profile', through('HoldCeremony', command('FileMemberProfile')), 'probation'],
    ['the new-member class', through('HoldCeremony', command('RecordNewMemberClass')), 'probation'],
  ])('leaves the stage alone on %s', (_, commands, stage) => {
    const { events, state } = history(commands);
    expect(STAGE_AFTER[events.at(-1)!.type as keyof typeof STAGE_AFTER]).toBeNull();
    expect(state.stage).toBe(stage);
  });

  it('leaves the stage alone on side steps, as the domain does', () => {
    const { events, state } = history(through('RecordBranchResolution', command('ExtendDecisionDeadline')));
    expect(events.at(-1)!.type).toBe('DecisionDeadlineExtended');
    expect(STAGE_AFTER.DecisionDeadlineExtended).toBeNull();
    expect(state.stage).toBe('proposed');
  });
});
