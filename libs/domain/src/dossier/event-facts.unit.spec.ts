import { fold } from '../testing/decider-spec';
import { command, ctx, eventsThrough, history } from '../testing/fixtures';
import { decide } from './decide';
import { eventLegalDate, eventPersonalData, eventRuleSet, LEGAL_DATE_FIELD } from './event-facts';
import type { DossierEvent } from './events';
import { initialState } from './state';
import { EVENT_COMMANDS, EVENT_STEPS, STEP_COMMANDS } from './steps';
import { candidateOf, stepsOf } from './view';

describe('envelope facts of an event', () => {
  const events = eventsThrough('RecordRecognitionDecision');

  it('gives every event its legal date (occurredOn) and rule set', () => {
    expect(events.map((e) => [e.type, eventLegalDate(e), eventRuleSet(e)])).toEqual([
      ['CandidateNominated', '2023-09-05', 'qd24-2021'],
      ['HelpersAssigned', '2023-09-15', 'qd24-2021'],
      ['TrainingCompleted', '2023-10-20', 'qd24-2021'],
      ['ApplicationSubmitted', '2023-11-01', 'qd24-2021'],
      ['BackgroundVerified', '2023-12-15', 'qd24-2021'],
      ['IntroducersRecorded', '2024-01-10', 'qd24-2021'],
      ['OpinionsCollected', '2024-02-20', 'qd24-2021'],
      ['BranchResolutionAdopted', '2024-03-07', 'qd24-2021'],
      ['CommitteeResolutionAdopted', '2024-03-20', 'qd24-2021'],
      ['AdmissionDecided', '2024-05-15', 'qd24-2021'],
      ['CeremonyHeld', '2024-06-10', 'qd24-2021'],
      ['RecognitionReviewed', '2025-06-20', 'qd232-2025'],
      ['RecognitionResolutionAdopted', '2025-06-25', 'qd232-2025'],
      ['RecognitionDecided', '2025-07-15', 'qd294-2025'],
    ]);
  });

  it('names a legal-date field for every event type, present in its data', () => {
    const side: DossierEvent[] = [
      {
        type: 'StepCorrected',
        data: {
          eventId: 'e1',
          targetType: 'CeremonyHeld',
          changes: {},
          personal: { reason: 'r' },
          correctedOn: '2025-01-02',
          ruleSet: 'qd24-2021',
        },
      },
      {
        type: 'DeadlineBreached',
        data: {
          obligation: 'admission-ceremony',
          dueOn: '2024-07-01',
          breachedOn: '2024-07-02',
          workingDaysLate: 1,
          ruleSet: 'qd24-2021',
        },
      },
      {
        type: 'DeadlineBreachWithdrawn',
        data: {
          obligation: 'admission-ceremony',
          dueOn: '2024-07-01',
          withdrawnOn: '2024-07-03',
          reason: 'r',
          ruleSet: 'qd24-2021',
        },
      },
    ];
    expect(side.map(eventLegalDate)).toEqual(['2025-01-02', '2024-07-02', '2024-07-03']);
    expect(Object.keys(LEGAL_DATE_FIELD)).toHaveLength(32);
    expect(eventLegalDate({ type: 'Unknown', data: {} } as never)).toBeUndefined();
    expect(eventRuleSet({ data: {} } as never)).toBeUndefined();
  });

  it("has the candidate's data only in the nomination (and in a correction of it), others' names under personal", () => {
    expect(events.filter((e) => eventPersonalData(e)).map((e) => e.type)).toEqual([
      'CandidateNominated',
      'HelpersAssigned',
      'BackgroundVerified',
      'IntroducersRecorded',
      'OpinionsCollected',
    ]);
    expect(eventPersonalData(events[1])).toEqual({ helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }] });
    expect(
      events
        .slice(1)
        .every((e) => !JSON.stringify(e).includes('Nguyễn Thị An') && !JSON.stringify(e).includes('1996-05-10')),
    ).toBe(true);
    const [correction] = decide(
      command('CorrectStep', { eventId: 'e1', changes: { fullName: 'Nguyễn Thị Ân' }, reason: 'r' }),
      fold(events),
      ctx,
    );
    expect(eventPersonalData(correction)).toEqual({ reason: 'r', changes: { fullName: 'Nguyễn Thị Ân' } });
  });
});

describe('steps as the API shows them', () => {
  it('maps every API route step to a command, and every step event back to a step', () => {
    expect(STEP_COMMANDS['branch-resolution']).toBe('RecordBranchResolution');
    expect(Object.keys(STEP_COMMANDS)).toHaveLength(22);
    expect(EVENT_STEPS.BranchVoteFailed).toBe('branch-resolution');
    for (const [event, step] of Object.entries(EVENT_STEPS)) {
      if (step !== 'nomination') expect(STEP_COMMANDS[step]).toBe(EVENT_COMMANDS[event as keyof typeof EVENT_COMMANDS]);
    }
  });

  it('lists the latest record of each step without personal data, and the candidate apart', () => {
    const { state } = history([command('NominateCandidate'), command('AssignHelpers')]);
    expect(stepsOf(state)).toEqual({
      nomination: {
        branchId: 'chi-bo-thon-dong-lac',
        nominatedBy: 'doan-thanh-nien',
        nominatedOn: '2023-09-05',
        ruleSet: 'qd24-2021',
        eventId: 'e1',
        corrected: false,
      },
      'helper-assigned': {
        helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }],
        assignedOn: '2023-09-15',
        ruleSet: 'qd24-2021',
        eventId: 'e2',
        corrected: false,
      },
    });
    expect(candidateOf(state)?.fullName).toBe('Nguyễn Thị An');
    expect(candidateOf(initialState())).toBeUndefined();
  });
});
