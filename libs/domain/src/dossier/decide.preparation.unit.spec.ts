import { deciderSpec } from '../testing/decider-spec';
import { decide } from './decide';
import { initialState } from './state';
import {
  command,
  contextOn,
  ctx,
  eventsBefore,
  eventsThrough,
  history,
  MAIN_LINE,
  member,
  storedIntroducers,
} from '../testing/fixtures';

const spec = deciderSpec(ctx);
/** The fixtures' introducers, their names under `personal`. */
const introducersRecorded = (() => {
  const { introducers, ...rest } = command('RecordIntroducers').data;
  return { ...rest, ...storedIntroducers(introducers) };
})();

describe('nomination (giới thiệu quần chúng ưu tú)', () => {
  it('opens the dossier, personal data only under data.personal', () =>
    spec([])
      .when(command('NominateCandidate'))
      .then([
        {
          type: 'CandidateNominated',
          data: {
            branchId: 'chi-bo-thon-dong-lac',
            nominatedBy: 'doan-thanh-nien',
            nominatedOn: '2023-09-05',
            ruleSet: 'qd24-2021',
            personal: {
              fullName: 'Nguyễn Thị An',
              birthDate: '1996-05-10',
              gender: 'female',
              ethnicity: 'Tày',
              educationLevel: 'upper-secondary',
              youthUnionMember: true,
            },
          },
        },
      ]));

  it('refuses a second nomination', () =>
    spec(eventsThrough('NominateCandidate')).when(command('NominateCandidate')).thenThrows('DOSSIER_ALREADY_EXISTS'));

  it('refuses a nomination dated after today', () =>
    spec([])
      .when(command('NominateCandidate', { nominatedOn: '2026-01-01' }))
      .thenThrows('DATE_IN_FUTURE', { field: 'nominatedOn' }));

  it('refuses a birth date after today', () => {
    const candidate = { ...command('NominateCandidate').data.candidate, birthDate: '2026-02-01' };
    spec([])
      .when(command('NominateCandidate', { candidate }))
      .thenThrows('DATE_IN_FUTURE', { field: 'candidate.birthDate' });
  });

  it('refuses a date before the first rule set', () =>
    spec([])
      .when(command('NominateCandidate', { nominatedOn: '2021-07-29' }))
      .thenThrows('NO_RULE_SET_IN_FORCE', { date: '2021-07-29' }));

  it('keeps unknown fields out of the event', () => {
    const cmd = command('NominateCandidate');
    const data = { ...cmd.data, secret: 'x', candidate: { ...cmd.data.candidate, idCard: '0123' } };
    const [event] = decide({ ...cmd, data }, initialState(), ctx);
    expect(JSON.stringify(event)).not.toMatch(/secret|idCard/);
  });
});

describe('helpers assigned (phân công đảng viên giúp đỡ)', () => {
  it('records the helpers', () =>
    spec(eventsBefore('AssignHelpers'))
      .when(command('AssignHelpers'))
      .then([
        {
          type: 'HelpersAssigned',
          data: {
            personal: { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }] },
            assignedOn: '2023-09-15',
            ruleSet: 'qd24-2021',
          },
        },
      ]));

  it('needs a nomination', () => spec([]).when(command('AssignHelpers')).thenThrows('DOSSIER_NOT_FOUND'));

  it('cannot be dated before the nomination', () =>
    spec(eventsBefore('AssignHelpers'))
      .when(command('AssignHelpers', { assignedOn: '2023-09-04' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { previous: '2023-09-05' }));

  it('may be recorded again while the dossier is prepared (new helper)', () =>
    spec(eventsThrough('CollectOpinions'))
      .when(command('AssignHelpers', { assignedOn: '2024-02-21' }))
      .then([
        {
          type: 'HelpersAssigned',
          data: {
            personal: { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }] },
            assignedOn: '2024-02-21',
            ruleSet: 'qd24-2021',
          },
        },
      ]));

  it('cannot be recorded after the branch proposed admission', () =>
    spec(eventsThrough('RecordBranchResolution'))
      .when(command('AssignHelpers', { assignedOn: '2024-03-08' }))
      .thenThrows('STEP_OUT_OF_ORDER'));
});

describe('training completed (lớp bồi dưỡng nhận thức về Đảng)', () => {
  it('records a certificate issued before the nomination (it is valid 60 months)', () =>
    spec(eventsBefore('RecordTraining'))
      .when(command('RecordTraining', { issuedOn: '2022-01-10' }))
      .then([
        {
          type: 'TrainingCompleted',
          data: {
            certificateNo: 'CN-123/2023',
            issuedOn: '2022-01-10',
            issuer: 'Trung tâm chính trị huyện Hữu Lũng',
            ruleSet: 'qd24-2021',
          },
        },
      ]));

  it('records a certificate older than every rule set without a rule set', () =>
    spec(eventsBefore('RecordTraining'))
      .when(command('RecordTraining', { issuedOn: '2020-01-10' }))
      .then([
        {
          type: 'TrainingCompleted',
          data: { certificateNo: 'CN-123/2023', issuedOn: '2020-01-10', issuer: 'Trung tâm chính trị huyện Hữu Lũng' },
        },
      ]));

  it('needs the helpers first', () =>
    spec(eventsThrough('NominateCandidate')).when(command('RecordTraining')).thenThrows('STEP_OUT_OF_ORDER'));

  it('refuses a certificate issued after today', () =>
    spec(eventsBefore('RecordTraining'))
      .when(command('RecordTraining', { issuedOn: '2026-01-02' }))
      .thenThrows('DATE_IN_FUTURE'));
});

describe('application submitted (đơn xin vào Đảng)', () => {
  it('records the application', () =>
    spec(eventsBefore('SubmitApplication'))
      .when(command('SubmitApplication'))
      .then([{ type: 'ApplicationSubmitted', data: { submittedOn: '2023-11-01', ruleSet: 'qd24-2021' } }]));

  it('needs the certificate first', () =>
    spec(eventsBefore('RecordTraining')).when(command('SubmitApplication')).thenThrows('STEP_OUT_OF_ORDER'));

  it('is recorded once', () =>
    spec(eventsThrough('SubmitApplication'))
      .when(command('SubmitApplication', { submittedOn: '2023-11-02' }))
      .thenThrows('STEP_OUT_OF_ORDER'));

  it('may be dated before the certificate: the law does not order the preparation steps', () =>
    spec(eventsBefore('SubmitApplication'))
      .when(command('SubmitApplication', { submittedOn: '2023-10-19' }))
      .then([{ type: 'ApplicationSubmitted', data: { submittedOn: '2023-10-19', ruleSet: 'qd24-2021' } }]));

  it('cannot be dated before the nomination', () =>
    spec(eventsBefore('SubmitApplication'))
      .when(command('SubmitApplication', { submittedOn: '2023-09-04' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { previous: '2023-09-05' }));
});

describe('background verified (thẩm tra lý lịch)', () => {
  it('records a passed verification', () =>
    spec(eventsBefore('RecordBackgroundVerification'))
      .when(command('RecordBackgroundVerification', { exempt: true, notes: 'Bố mẹ là đảng viên' }))
      .then([
        {
          type: 'BackgroundVerified',
          data: {
            completedOn: '2023-12-15',
            outcome: 'passed',
            exempt: true,
            personal: { notes: 'Bố mẹ là đảng viên' },
            ruleSet: 'qd24-2021',
          },
        },
      ]));

  it('records a failed verification, which blocks the introducers', () => {
    const failed = [
      ...eventsBefore('RecordBackgroundVerification'),
      {
        type: 'BackgroundVerified' as const,
        data: { completedOn: '2023-12-15', outcome: 'failed' as const, personal: {}, ruleSet: 'qd24-2021' },
      },
    ];
    spec(failed)
      .when(command('RecordIntroducers'))
      .thenThrows('BACKGROUND_CHECK_FAILED', { completedOn: '2023-12-15' });
  });

  it('a new verification that passes unblocks the dossier', () => {
    const failed = [
      ...eventsBefore('RecordBackgroundVerification'),
      {
        type: 'BackgroundVerified' as const,
        data: { completedOn: '2023-12-15', outcome: 'failed' as const, personal: {}, ruleSet: 'qd24-2021' },
      },
    ];
    const passed = {
      type: 'BackgroundVerified' as const,
      data: { completedOn: '2024-01-05', outcome: 'passed' as const, personal: {}, ruleSet: 'qd24-2021' },
    };
    spec([...failed, passed])
      .when(command('RecordIntroducers'))
      .then([{ type: 'IntroducersRecorded', data: { ...introducersRecorded, ruleSet: 'qd24-2021' } }]);
  });

  it('needs the application first', () =>
    spec(eventsBefore('SubmitApplication'))
      .when(command('RecordBackgroundVerification'))
      .thenThrows('STEP_OUT_OF_ORDER'));
});

describe('introducers recorded (người giới thiệu)', () => {
  const given = eventsBefore('RecordIntroducers');

  it('records two official members who have known the candidate 12 months', () =>
    spec(given)
      .when(command('RecordIntroducers'))
      .then([{ type: 'IntroducersRecorded', data: { ...introducersRecorded, ruleSet: 'qd24-2021' } }]));

  it('needs the background verification first', () =>
    spec(eventsBefore('RecordBackgroundVerification'))
      .when(command('RecordIntroducers'))
      .thenThrows('STEP_OUT_OF_ORDER'));

  it('refuses an introducer dated in the future', () =>
    spec(given)
      .when(command('RecordIntroducers', { recordedOn: '2026-01-05' }))
      .thenThrows('DATE_IN_FUTURE'));

  it('also at a later date on a renewal', () =>
    spec(eventsThrough('CollectOpinions'))
      .when(command('RecordIntroducers', { recordedOn: '2024-02-25' }))
      .then([
        {
          type: 'IntroducersRecorded',
          data: { ...introducersRecorded, recordedOn: '2024-02-25', ruleSet: 'qd24-2021' },
        },
      ]));

  it('is judged at its own date: a context where today is earlier refuses it', () =>
    deciderSpec(contextOn('2024-01-09'))(given)
      .when(command('RecordIntroducers'))
      .thenThrows('DATE_IN_FUTURE', { today: '2024-01-09' }));

  it('refuses a third introducer', () =>
    spec(given)
      .when(command('RecordIntroducers', { introducers: [member(), member(), member()] }))
      .thenThrows('INTRODUCER_NOT_ELIGIBLE'));
});

describe('opinions collected (nhận xét)', () => {
  it('records the opinions', () =>
    spec(eventsBefore('CollectOpinions'))
      .when(command('CollectOpinions'))
      .then([
        {
          type: 'OpinionsCollected',
          data: { collectedOn: '2024-02-20', personal: { summary: 'Đồng ý' }, ruleSet: 'qd24-2021' },
        },
      ]));

  it('needs the introducers first', () =>
    spec(eventsBefore('RecordIntroducers')).when(command('CollectOpinions')).thenThrows('STEP_OUT_OF_ORDER'));
});

describe('dates of the preparation steps (the law does not order them among themselves)', () => {
  // Nomination 05/09/2023, helpers 15/09, certificate 20/10, then the rest dated out of order.
  const prepared = history([
    ...MAIN_LINE.slice(0, 3).map((t) => command(t)),
    command('SubmitApplication', { submittedOn: '2023-11-01' }),
    command('RecordBackgroundVerification', { completedOn: '2023-10-01' }),
    command('RecordIntroducers', { recordedOn: '2023-09-20' }),
    command('CollectOpinions', { collectedOn: '2023-09-25' }),
  ]);

  it('records the application, the verification, the introducers and the opinions in any order of dates', () =>
    expect(prepared.state).toMatchObject({
      stage: 'in-preparation',
      application: { submittedOn: '2023-11-01' },
      background: { completedOn: '2023-10-01' },
      introducers: { recordedOn: '2023-09-20' },
      opinions: { collectedOn: '2023-09-25' },
      lastStepOn: '2023-11-01',
    }));

  it('keeps the branch resolution on or after every earlier step, not only the last one recorded', () => {
    spec(prepared.events)
      .when(command('RecordBranchResolution', { meetingOn: '2023-10-31' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { previous: '2023-11-01' });
    expect(decide(command('RecordBranchResolution', { meetingOn: '2023-11-01' }), prepared.state, ctx)).toHaveLength(1);
  });

  it('keeps every preparation step on or after the nomination', () =>
    spec(prepared.events)
      .when(command('CollectOpinions', { collectedOn: '2023-09-04' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { field: 'collectedOn', previous: '2023-09-05' }));

  it('keeps a preparation step recorded again after a failed branch vote on or after that vote', () => {
    const failed = history([
      ...MAIN_LINE.slice(0, 7).map((t) => command(t)),
      command('RecordBranchResolution', { votesFor: 2 }),
    ]);
    spec(failed.events)
      .when(command('RecordIntroducers', { recordedOn: '2024-03-06' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { previous: '2024-03-07' });
    spec(failed.events)
      .when(command('CollectOpinions', { collectedOn: '2024-03-08' }))
      .then([
        {
          type: 'OpinionsCollected',
          data: { collectedOn: '2024-03-08', personal: { summary: 'Đồng ý' }, ruleSet: 'qd24-2021' },
        },
      ]);
  });
});
