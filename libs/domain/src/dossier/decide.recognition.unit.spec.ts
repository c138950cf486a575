import { deciderSpec, fold } from '../testing/decider-spec';
import { command, contextOn, ctx, eventsBefore, eventsThrough } from '../testing/fixtures';

const spec = deciderSpec(ctx);

describe('recognition review (xét công nhận đảng viên chính thức)', () => {
  const given = eventsBefore('RecordRecognitionReview');
  const reviewed = (data: object = {}) => ({
    type: 'RecognitionReviewed' as const,
    data: { ...command('RecordRecognitionReview').data, ruleSet: 'qd232-2025', ...data },
  });

  it('is adopted after probation ends (ceremony 2024-06-10, probation ends 2025-06-10)', () =>
    spec(given).when(command('RecordRecognitionReview')).then([reviewed()]));

  it('is refused on the day probation ends', () =>
    spec(given)
      .when(command('RecordRecognitionReview', { meetingOn: '2025-06-10' }))
      .thenThrows('RESOLUTION_BEFORE_PROBATION_END', { probationEndsOn: '2025-06-10' }));

  it('is accepted the day after', () =>
    spec(given)
      .when(command('RecordRecognitionReview', { meetingOn: '2025-06-11' }))
      .then([reviewed({ meetingOn: '2025-06-11' })]));

  it('may propose removal', () =>
    spec(given)
      .when(command('RecordRecognitionReview', { proposal: 'remove', votesFor: 6 }))
      .then([reviewed({ proposal: 'remove', votesFor: 6 })]));

  // API.md v1 additions: a vote below 2/3 is recorded as failed (200, stage unchanged), no longer a 422.
  it('records a vote below 2/3 of the official members as a failed review; probation goes on', () => {
    spec(given)
      .when(command('RecordRecognitionReview', { votesFor: 5 }))
      .then([
        {
          type: 'RecognitionReviewFailed',
          data: { ...reviewed().data, votesFor: 5, attempt: 1, ruleSet: 'qd232-2025' },
        },
      ]);
  });

  it('lets the branch meet again after a failed review, and the obligation stays open until one is adopted', () => {
    const failedEvents = [
      ...given,
      {
        type: 'RecognitionReviewFailed' as const,
        data: { ...reviewed().data, votesFor: 5, attempt: 1 },
        eventId: 'f1',
      },
    ];
    const state = fold(failedEvents);
    expect(state.stage).toBe('probation');
    expect(state.failedRecognitionReviews).toHaveLength(1);
    expect(state.recognitionReview).toBeUndefined();
    spec(failedEvents)
      .when(command('RecordRecognitionReview', { meetingOn: '2025-06-27' }))
      .then([reviewed({ meetingOn: '2025-06-27' })]);
  });

  it('refuses more votes than members', () =>
    spec(given)
      .when(command('RecordRecognitionReview', { votesFor: 12 }))
      .thenThrows('INVALID_VOTE_COUNT'));

  it('needs the ceremony', () =>
    spec(eventsBefore('HoldCeremony')).when(command('RecordRecognitionReview')).thenThrows('STEP_OUT_OF_ORDER'));

  it('is recorded once', () =>
    spec(eventsThrough('RecordRecognitionReview'))
      .when(command('RecordRecognitionReview', { meetingOn: '2025-06-21' }))
      .thenThrows('STEP_OUT_OF_ORDER'));
});

describe('recognition decision or removal (xóa tên)', () => {
  const given = eventsBefore('RecordRecognitionDecision');

  it('recognises; the member is official from the end of probation even when the decision is late', () => {
    spec(given)
      .when(command('RecordRecognitionDecision', { decidedOn: '2025-09-30' }))
      .then([
        {
          type: 'RecognitionDecided',
          data: {
            decidedOn: '2025-09-30',
            decisionNo: '45-QĐ/ĐU',
            outcome: 'official',
            ruleSet: 'qd294-2025',
            decidedBy: 'dang-uy-xa-dong-tien',
          },
        },
      ]);
    const state = fold(
      eventsThrough('RecordRecognitionDecision', { RecordRecognitionDecision: { decidedOn: '2025-09-30' } }),
    );
    expect(state).toMatchObject({
      stage: 'official',
      officialSince: '2025-06-10',
      partyAgeFrom: '2024-05-15',
      closedOn: '2025-09-30',
    });
  });

  it('removes from the probationary list, which closes the dossier', () => {
    spec(given)
      .when(command('RecordRecognitionDecision', { outcome: 'removed' }))
      .then([
        {
          type: 'MembershipRemoved',
          data: {
            decidedOn: '2025-07-15',
            decisionNo: '45-QĐ/ĐU',
            outcome: 'removed',
            ruleSet: 'qd294-2025',
            decidedBy: 'dang-uy-xa-dong-tien',
          },
        },
      ]);
    const removed = eventsThrough('RecordRecognitionDecision', { RecordRecognitionDecision: { outcome: 'removed' } });
    expect(fold(removed)).toMatchObject({ stage: 'removed' });
    expect(fold(removed)).not.toHaveProperty('officialSince');
    spec(removed)
      .when(command('WithdrawCandidate', { withdrawnOn: '2025-08-01' }))
      .thenThrows('DOSSIER_CLOSED');
  });

  it('needs the branch review', () =>
    spec(eventsThrough('HoldCeremony')).when(command('RecordRecognitionDecision')).thenThrows('STEP_OUT_OF_ORDER'));

  it('closes the dossier: nothing more can be recorded', () =>
    spec(eventsThrough('RecordRecognitionDecision'))
      .when(command('RecordRecognitionDecision'))
      .thenThrows('DOSSIER_CLOSED', { stage: 'official' }));

  it('is refused when dated after today', () =>
    deciderSpec(contextOn('2025-07-14'))(given)
      .when(command('RecordRecognitionDecision'))
      .thenThrows('DATE_IN_FUTURE'));
});

describe('withdrawal (rút khỏi quy trình)', () => {
  it('closes a dossier in preparation', () => {
    const given = eventsThrough('RecordIntroducers');
    spec(given)
      .when(command('WithdrawCandidate'))
      .then([
        {
          type: 'CandidateWithdrawn',
          data: { withdrawnOn: '2024-03-01', personal: { reason: 'Chuyển công tác' }, ruleSet: 'qd24-2021' },
        },
      ]);
    const withdrawn = fold([
      ...given,
      {
        type: 'CandidateWithdrawn',
        data: { withdrawnOn: '2024-03-01', personal: { reason: 'x' }, ruleSet: 'qd24-2021' },
      },
    ]);
    expect(withdrawn).toMatchObject({ stage: 'withdrawn', closedOn: '2024-03-01' });
  });

  it('is still possible after admission, before the ceremony', () =>
    spec(eventsThrough('RecordAdmissionDecision'))
      .when(command('WithdrawCandidate', { withdrawnOn: '2024-05-25' }))
      .then([
        {
          type: 'CandidateWithdrawn',
          data: { withdrawnOn: '2024-05-25', personal: { reason: 'Chuyển công tác' }, ruleSet: 'qd24-2021' },
        },
      ]));

  it('is not possible after the ceremony (removal applies)', () =>
    spec(eventsThrough('HoldCeremony'))
      .when(command('WithdrawCandidate', { withdrawnOn: '2024-07-01' }))
      .thenThrows('STEP_OUT_OF_ORDER'));

  it('cannot be dated before the previous step', () =>
    spec(eventsThrough('CollectOpinions'))
      .when(command('WithdrawCandidate', { withdrawnOn: '2024-02-19' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP'));

  it('needs a reason', () =>
    spec(eventsThrough('CollectOpinions'))
      .when(command('WithdrawCandidate', { reason: ' ' }))
      .thenThrows('INVALID_COMMAND', { errors: [{ field: 'reason', message: 'must be a non-empty text' }] }));
});
