import { fold, recorded } from '../testing/decider-spec';
import { command, eventsThrough, history, MAIN_LINE } from '../testing/fixtures';
import { evolve } from './evolve';
import { stageOn } from './stage';
import { initialState } from './state';

describe('evolve and the stages of API.md', () => {
  it('starts with no dossier', () => {
    expect(initialState()).toMatchObject({ exists: false, records: [] });
    expect(initialState()).not.toHaveProperty('stage');
  });

  it.each([
    ['NominateCandidate', 'nominated'],
    ['AssignHelpers', 'in-preparation'],
    ['CollectOpinions', 'in-preparation'],
    ['RecordBranchResolution', 'proposed'],
    ['RecordCommitteeResolution', 'awaiting-decision'],
    ['RecordAdmissionDecision', 'admitted'],
    ['HoldCeremony', 'probation'],
    ['RecordRecognitionReview', 'awaiting-recognition'],
    ['RecordRecognitionDecision', 'official'],
  ] as const)('after %s the stage is %s', (step, stage) => expect(fold(eventsThrough(step)).stage).toBe(stage));

  it('a failed branch vote leaves the dossier in preparation', () => {
    const { state } = history([
      ...MAIN_LINE.slice(0, 7).map((t) => command(t)),
      command('RecordBranchResolution', { votesFor: 1 }),
    ]);
    expect(state).toMatchObject({
      stage: 'in-preparation',
      failedBranchVotes: [{ attempt: 1, reportToHigherCommittee: false }],
    });
  });

  it('refusal closes the dossier with the stage refused and no party age', () => {
    const state = fold(eventsThrough('RecordAdmissionDecision', { RecordAdmissionDecision: { outcome: 'refused' } }));
    expect(state).toMatchObject({ stage: 'refused', closedOn: '2024-05-15' });
    expect(state).not.toHaveProperty('partyAgeFrom');
  });

  it('derives party age from the decision date and probation from the ceremony', () => {
    const state = fold(eventsThrough('HoldCeremony'));
    expect(state).toMatchObject({ partyAgeFrom: '2024-05-15', probationEndsOn: '2025-06-10' });
    expect(state).not.toHaveProperty('officialSince');
  });

  it('a ceremony on 29 February 2024 ends probation on 28 February 2025', () =>
    expect(
      fold(
        eventsThrough('HoldCeremony', {
          RecordAdmissionDecision: { decidedOn: '2024-02-01', receivedOn: undefined },
          RecordCommitteeResolution: { adoptedOn: '2024-01-25' },
          RecordBranchResolution: { meetingOn: '2024-01-20' },
          CollectOpinions: { collectedOn: '2024-01-15' },
          HoldCeremony: { heldOn: '2024-02-29' },
        }),
      ).probationEndsOn,
    ).toBe('2025-02-28'));

  it('is in recognition review from the day after probation ends (stageOn)', () => {
    const state = fold(eventsThrough('HoldCeremony'));
    expect(stageOn(state, '2025-06-10')).toBe('probation');
    expect(stageOn(state, '2025-06-11')).toBe('recognition-review');
    expect(stageOn(fold(eventsThrough('RecordRecognitionReview')), '2025-06-30')).toBe('awaiting-recognition');
  });

  it('keeps breaches and their withdrawal', () => {
    const state = fold([
      ...eventsThrough('RecordBranchResolution'),
      {
        type: 'DeadlineBreached',
        data: {
          obligation: 'admission-decision',
          dueOn: '2024-06-04',
          breachedOn: '2024-06-05',
          workingDaysLate: 1,
          ruleSet: 'qd24-2021',
        },
      },
      {
        type: 'DeadlineBreachWithdrawn',
        data: {
          obligation: 'admission-decision',
          dueOn: '2024-06-04',
          withdrawnOn: '2024-06-06',
          reason: 'r',
          ruleSet: 'qd24-2021',
        },
      },
    ]);
    expect(state.breaches).toEqual([
      {
        eventId: 'e9',
        obligation: 'admission-decision',
        dueOn: '2024-06-04',
        breachedOn: '2024-06-05',
        workingDaysLate: 1,
        withdrawn: { withdrawnOn: '2024-06-06', reason: 'r' },
      },
    ]);
  });

  it('ignores a correction of an unknown event and an unknown event type', () => {
    const state = fold(eventsThrough('NominateCandidate'));
    const correction = {
      type: 'StepCorrected',
      eventId: 'c1',
      data: {
        eventId: 'nope',
        targetType: 'HelpersAssigned',
        changes: {},
        personal: { reason: 'r' },
        correctedOn: '2024-01-01',
        ruleSet: 'qd24-2021',
      },
    } as const;
    expect(evolve(state, correction)).toBe(state);
    expect(evolve(state, { type: 'FutureEvent', data: {}, eventId: 'x' } as never)).toBe(state);
  });

  it('keeps recordedAt on step records', () => {
    const [first] = recorded(eventsThrough('NominateCandidate'));
    expect(evolve(initialState(), { ...first, recordedAt: '2023-09-06T02:00:00Z' }).records[0]).toMatchObject({
      recordedAt: '2023-09-06T02:00:00Z',
    });
  });
});
