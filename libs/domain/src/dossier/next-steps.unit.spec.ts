import { DomainError } from '../errors/domain-error';
import { MAIN_LINE, command, contextOn, history } from '../testing/fixtures';
import type { DossierCommand } from './commands';
import { decide } from './decide';
import { nextSteps } from './next-steps';
import { STEP_ORDER } from './rules/order.rule';
import type { DossierState } from './state';
import { STEP_COMMANDS } from './steps';

const ctx = contextOn('2027-12-31');
const through = (last: (typeof MAIN_LINE)[number], ...extra: DossierCommand[]) =>
  history([...MAIN_LINE.slice(0, MAIN_LINE.indexOf(last) + 1).map((t) => command(t) as DossierCommand), ...extra], ctx)
    .state;

/** The codes that refuse a step for its place in the procedure rather than for its own data. */
const ORDER_CODES = ['STEP_OUT_OF_ORDER', 'BACKGROUND_CHECK_FAILED', 'DOSSIER_CLOSED'];

/** The code `decide` refuses the step's happy-path command with on `state`, or undefined when it records it. */
function refusal(step: keyof typeof STEP_ORDER, state: DossierState): string | undefined {
  try {
    decide(command(STEP_COMMANDS[step]) as DossierCommand, state, ctx);
    return undefined;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error.code;
  }
}

describe('nextSteps', () => {
  it.each([
    ['NominateCandidate', ['helper-assigned', 'transferred', 'withdrawal']],
    ['AssignHelpers', ['helper-assigned', 'training-completed', 'transferred', 'withdrawal']],
    [
      'SubmitApplication',
      ['helper-assigned', 'training-completed', 'background-verified', 'transferred', 'withdrawal'],
    ],
    ['RecordBranchResolution', ['committee-resolution', 'decision-deadline-extended', 'transferred', 'withdrawal']],
    ['RecordAdmissionDecision', ['ceremony', 'ceremony-delay-approved', 'transferred', 'withdrawal']],
    [
      'HoldCeremony',
      [
        'recognition-review',
        'probation-helper-assigned',
        'member-profile-filed',
        'new-member-class-completed',
        'transferred',
        'membership-ended',
      ],
    ],
    ['RecordRecognitionDecision', []],
  ] as const)('after %s lists the steps the order allows, in procedure order', (last, expected) => {
    expect(nextSteps(through(last))).toEqual(expected);
  });

  it('lists nothing before the nomination nor once the dossier is closed', () => {
    expect(nextSteps(history([], ctx).state)).toEqual([]);
    expect(
      nextSteps(through('RecordCommitteeResolution', command('RecordAdmissionDecision', { outcome: 'refused' }))),
    ).toEqual([]);
  });

  it('leaves out the introducers and the branch resolution after a failed verification', () => {
    const state = through('RecordIntroducers', command('RecordBackgroundVerification', { outcome: 'failed' }));
    expect(nextSteps(state)).not.toContain('introducers-recorded');
    expect(nextSteps(state)).toContain('background-verified');
  });

  it('agrees with decide on every state of the procedure: a listed step is never refused for its order, another always is', () => {
    const states = [
      ...MAIN_LINE.map((last) => through(last)),
      through('RecordIntroducers', command('RecordBackgroundVerification', { outcome: 'failed' })),
      through('HoldCeremony', command('FileMemberProfile'), command('RecordNewMemberClass')),
      through('RecordCommitteeResolution', command('RecordAdmissionDecision', { outcome: 'refused' })),
    ];
    for (const state of states) {
      const listed = nextSteps(state);
      for (const step of Object.keys(STEP_ORDER) as (keyof typeof STEP_ORDER)[]) {
        const code = refusal(step, state);
        const byOrder = code !== undefined && ORDER_CODES.includes(code);
        expect({ stage: state.stage, step, byOrder }).toEqual({
          stage: state.stage,
          step,
          byOrder: !listed.includes(step),
        });
      }
    }
  });
});
