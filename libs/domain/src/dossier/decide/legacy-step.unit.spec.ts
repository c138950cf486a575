import { deciderSpec } from '../../testing/decider-spec';
import { command, contextOn, history, MAIN_LINE, TODAY } from '../../testing/fixtures';
import type { DossierCommand } from '../commands';
import { decide } from '../decide';
import { initialState } from '../state';
import { fold } from '../../testing/decider-spec';

const legacyCtx = contextOn(TODAY, { legacy: true });
const legacySpec = deciderSpec(legacyCtx);
const judgedSpec = deciderSpec(contextOn(TODAY));

/** A paper dossier begun in 2019, prepared and proposed before 30/07/2021, admitted after it. */
const PAPER: Record<(typeof MAIN_LINE)[number], Record<string, unknown>> = {
  NominateCandidate: { nominatedOn: '2019-03-04' },
  AssignHelpers: { assignedOn: '2019-03-15' },
  RecordTraining: { issuedOn: '2019-05-20' },
  SubmitApplication: { submittedOn: '2019-06-01' },
  RecordBackgroundVerification: { completedOn: '2019-09-10' },
  RecordIntroducers: { recordedOn: '2019-10-01' },
  CollectOpinions: { collectedOn: '2019-10-15' },
  RecordBranchResolution: { meetingOn: '2021-05-06' },
  RecordCommitteeResolution: { adoptedOn: '2021-06-20' },
  RecordAdmissionDecision: { decidedOn: '2021-08-16', receivedOn: '2021-08-18' },
  HoldCeremony: { heldOn: '2021-09-02' },
  RecordRecognitionReview: { meetingOn: '2022-09-10' },
  RecordRecognitionResolution: { adoptedOn: '2022-09-20' },
  RecordRecognitionDecision: { decidedOn: '2022-10-01' },
};
const paper = (last: (typeof MAIN_LINE)[number]): DossierCommand[] =>
  MAIN_LINE.slice(0, MAIN_LINE.indexOf(last) + 1).map((t) => command(t, PAPER[t] as never));

describe('a paper dossier begun before 30/07/2021 (ctx.legacy, `ketnap dossiers import`)', () => {
  it('is refused without the legacy flag: no rule set was in force', () =>
    judgedSpec([])
      .when(command('NominateCandidate', { nominatedOn: '2019-03-04' }))
      .thenThrows('NO_RULE_SET_IN_FORCE', { date: '2019-03-04' }));

  it('records the steps before 30/07/2021 flagged legacy, with the rule set `legacy`', () => {
    const { events, state } = history(paper('RecordRecognitionDecision'), legacyCtx);
    expect(events.map((e) => [e.type, e.data.ruleSet, 'legacy' in e.data && e.data.legacy])).toEqual([
      ['CandidateNominated', 'legacy', true],
      ['HelpersAssigned', 'legacy', true],
      ['TrainingCompleted', 'legacy', true],
      ['ApplicationSubmitted', 'legacy', true],
      ['BackgroundVerified', 'legacy', true],
      ['IntroducersRecorded', 'legacy', true],
      ['OpinionsCollected', 'legacy', true],
      ['BranchResolutionAdopted', 'legacy', true],
      ['CommitteeResolutionAdopted', 'legacy', true],
      ['AdmissionDecided', 'qd24-2021', false],
      ['CeremonyHeld', 'qd24-2021', false],
      ['RecognitionReviewed', 'qd24-2021', false],
      ['RecognitionResolutionAdopted', 'qd24-2021', false],
      ['RecognitionDecided', 'qd24-2021', false],
    ]);
    expect(state).toMatchObject({ stage: 'official', officialSince: '2022-09-02', partyAgeFrom: '2021-08-16' });
  });

  it('does not judge a legacy step: a stale dossier, a young candidate, dates out of order are history', () => {
    const young = command('NominateCandidate', {
      nominatedOn: '2019-03-04',
      candidate: { ...command('NominateCandidate').data.candidate, birthDate: '2003-01-01' },
    });
    const { events } = history([young, ...paper('CollectOpinions').slice(1)], legacyCtx);
    // Candidate 17 at the meeting, dossier more than 12 months old, meeting before the opinions.
    legacySpec(events)
      .when(command('RecordBranchResolution', { meetingOn: '2020-06-01' }))
      .then([
        {
          type: 'BranchResolutionAdopted',
          data: { ...command('RecordBranchResolution').data, meetingOn: '2020-06-01', ruleSet: 'legacy', legacy: true },
        },
      ]);
    legacySpec(events)
      .when(command('RecordBranchResolution', { meetingOn: '2019-10-01' }))
      .then([expect.objectContaining({ type: 'BranchResolutionAdopted' })]);
  });

  it('records a failed legacy branch vote as a failed vote', () =>
    legacySpec(history(paper('CollectOpinions'), legacyCtx).events)
      .when(command('RecordBranchResolution', { meetingOn: '2020-06-01', votesFor: 3 }))
      .then([
        {
          type: 'BranchVoteFailed',
          data: {
            ...command('RecordBranchResolution').data,
            meetingOn: '2020-06-01',
            votesFor: 3,
            attempt: 1,
            reportToHigherCommittee: false,
            ruleSet: 'legacy',
            legacy: true,
          },
        },
      ]));

  it('judges the steps from 30/07/2021 on by the rule set of their date', () => {
    const { events } = history(paper('RecordAdmissionDecision'), legacyCtx);
    legacySpec(events)
      .when(command('HoldCeremony', { heldOn: '2021-08-17' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { field: 'heldOn' });
    legacySpec(events)
      .when(command('HoldCeremony', { heldOn: '2026-01-02' }))
      .thenThrows('DATE_IN_FUTURE');
    const stale = history(paper('CollectOpinions'), legacyCtx).events;
    legacySpec(stale)
      .when(command('RecordBranchResolution', { meetingOn: '2021-08-02' }))
      .thenThrows('DOSSIER_STALE');
  });

  it('still refuses a nomination naming a unit the catalog lacks, or a birth date after today', () => {
    legacySpec([])
      .when(command('NominateCandidate', { nominatedOn: '2019-03-04', branchId: 'chi-bo-khong-co' }))
      .thenThrows('UNKNOWN_UNIT', { unitId: 'chi-bo-khong-co' });
    legacySpec([])
      .when(
        command('NominateCandidate', {
          nominatedOn: '2019-03-04',
          candidate: { ...command('NominateCandidate').data.candidate, birthDate: '2026-02-01' },
        }),
      )
      .thenThrows('DATE_IN_FUTURE', { field: 'candidate.birthDate' });
  });

  it('changes nothing for a dossier begun on or after 30/07/2021', () => {
    const commands = MAIN_LINE.map((t) => command(t));
    expect(history(commands, legacyCtx).events).toEqual(history(commands).events);
    expect(decide(command('NominateCandidate'), initialState(), legacyCtx)[0].data).not.toHaveProperty('legacy');
  });

  it('may be corrected: a legacy step keeps the rule set `legacy` and is not judged, later steps are', () => {
    const { events } = history(paper('RecordRecognitionDecision'), legacyCtx);
    const helpers = events.find((e) => e.type === 'HelpersAssigned')!;
    const [corrected] = decide(
      command('CorrectStep', { eventId: helpers.eventId, changes: { assignedOn: '2019-02-01' }, reason: 'Nhập sai' }),
      fold(events),
      contextOn(TODAY),
    );
    expect(corrected).toMatchObject({
      type: 'StepCorrected',
      data: { changes: { assignedOn: '2019-02-01' }, targetRuleSet: 'legacy', ruleSet: 'qd294-2025' },
    });
    const ceremony = events.find((e) => e.type === 'CeremonyHeld')!;
    judgedSpec(events)
      .when(
        command('CorrectStep', { eventId: ceremony.eventId, changes: { heldOn: '2021-08-10' }, reason: 'Nhập sai' }),
      )
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP');
  });
});
