import { obligationsOf } from '../obligations/obligations';
import { deciderSpec, fold } from '../testing/decider-spec';
import {
  calendar,
  command,
  contextOn,
  ctx,
  directoryOf,
  eventsBefore,
  eventsThrough,
  FIXTURE_UNITS,
  history,
  MAIN_LINE,
} from '../testing/fixtures';
import type { DossierCommand } from './commands';
import { decide } from './decide';

const spec = deciderSpec(ctx);
const through = (last: (typeof MAIN_LINE)[number], ...extra: DossierCommand[]) =>
  history([...MAIN_LINE.slice(0, MAIN_LINE.indexOf(last) + 1).map((t) => command(t) as DossierCommand), ...extra]);

describe("base committee's resolution on recognition (step 15, 15-KNĐ)", () => {
  const given = eventsBefore('RecordRecognitionResolution');
  const data = { ...command('RecordRecognitionResolution').data, ruleSet: 'qd232-2025' };

  it('is adopted after the branch review by 2/3 of the committee members', () =>
    spec(given)
      .when(command('RecordRecognitionResolution'))
      .then([{ type: 'RecognitionResolutionAdopted', data }]));

  it('records a vote below 2/3 as a failed vote, attempt by attempt; the dossier stays awaiting recognition', () => {
    const once = through('RecordRecognitionReview', command('RecordRecognitionResolution', { votesFor: 9 }));
    expect(once.events.at(-1)).toEqual({
      type: 'RecognitionResolutionFailed',
      data: { ...data, votesFor: 9, attempt: 1 },
      eventId: expect.any(String),
    });
    expect(once.state.stage).toBe('awaiting-recognition');
    spec(once.events)
      .when(command('RecordRecognitionResolution', { votesFor: 3 }))
      .then([{ type: 'RecognitionResolutionFailed', data: { ...data, votesFor: 3, attempt: 2 } }]);
    spec(once.events).when(command('RecordRecognitionDecision')).thenThrows('STEP_OUT_OF_ORDER');
  });

  it('needs the branch review adopted, and is recorded once', () => {
    spec(eventsBefore('RecordRecognitionReview'))
      .when(command('RecordRecognitionResolution'))
      .thenThrows('STEP_OUT_OF_ORDER');
    spec(eventsThrough('RecordRecognitionResolution'))
      .when(command('RecordRecognitionResolution'))
      .thenThrows('STEP_OUT_OF_ORDER');
  });

  it('is dated on or after the review and not in the future', () => {
    spec(given)
      .when(command('RecordRecognitionResolution', { adoptedOn: '2025-06-19' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP');
    spec(given)
      .when(command('RecordRecognitionResolution', { adoptedOn: '2026-01-01' }))
      .thenThrows('DATE_IN_FUTURE');
    spec(given)
      .when(command('RecordRecognitionResolution', { votesFor: 16 }))
      .thenThrows('INVALID_VOTE_COUNT');
  });

  it('comes before the recognition decision', () =>
    spec(eventsBefore('RecordRecognitionResolution'))
      .when(command('RecordRecognitionDecision'))
      .thenThrows('STEP_OUT_OF_ORDER'));
});

describe('steps of probation (Party Charter Art. 5.1)', () => {
  const probation = eventsThrough('HoldCeremony');

  it('records a helper, the member profile and the new-member class, none of which moves the stage', () => {
    spec(probation)
      .when(command('AssignProbationHelpers'))
      .then([
        {
          type: 'ProbationHelpersAssigned',
          data: {
            assignedOn: '2024-06-20',
            personal: { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }] },
            ruleSet: 'qd24-2021',
          },
        },
      ]);
    spec(probation)
      .when(command('FileMemberProfile'))
      .then([{ type: 'MemberProfileFiled', data: { filedOn: '2024-07-10', ruleSet: 'qd24-2021' } }]);
    spec(probation)
      .when(command('RecordNewMemberClass'))
      .then([
        { type: 'NewMemberClassCompleted', data: { ...command('RecordNewMemberClass').data, ruleSet: 'qd24-2021' } },
      ]);
    const { state } = through(
      'HoldCeremony',
      command('AssignProbationHelpers'),
      command('FileMemberProfile'),
      command('RecordNewMemberClass'),
    );
    expect(state.stage).toBe('probation');
    expect(state.memberProfile?.filedOn).toBe('2024-07-10');
    expect(state.newMemberClass?.certificateNo).toBe('DVM-45/2024');
  });

  it('are refused before the ceremony, or dated before it', () => {
    spec(eventsBefore('HoldCeremony')).when(command('AssignProbationHelpers')).thenThrows('STEP_OUT_OF_ORDER');
    spec(eventsBefore('HoldCeremony')).when(command('FileMemberProfile')).thenThrows('STEP_OUT_OF_ORDER');
    spec(probation)
      .when(command('FileMemberProfile', { filedOn: '2024-06-09' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP', { previous: '2024-06-10' });
    spec(probation)
      .when(command('RecordNewMemberClass', { issuedOn: '2026-02-01' }))
      .thenThrows('DATE_IN_FUTURE');
  });

  it('records a new helper again, but the profile and the class once', () => {
    const { events } = through(
      'HoldCeremony',
      command('AssignProbationHelpers'),
      command('FileMemberProfile'),
      command('RecordNewMemberClass'),
    );
    spec(events)
      .when(command('AssignProbationHelpers', { assignedOn: '2024-10-01' }))
      .then([
        {
          type: 'ProbationHelpersAssigned',
          data: {
            assignedOn: '2024-10-01',
            personal: { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }] },
            ruleSet: 'qd24-2021',
          },
        },
      ]);
    spec(events).when(command('FileMemberProfile')).thenThrows('STEP_OUT_OF_ORDER');
    spec(events).when(command('RecordNewMemberClass')).thenThrows('STEP_OUT_OF_ORDER');
  });

  it('do not bound the review date: a class recorded later than the review date is still accepted before the decision', () =>
    spec(eventsThrough('RecordRecognitionReview'))
      .when(command('RecordNewMemberClass', { issuedOn: '2024-09-12' }))
      .then([
        { type: 'NewMemberClassCompleted', data: { ...command('RecordNewMemberClass').data, ruleSet: 'qd24-2021' } },
      ]));

  it('are refused once the dossier is closed', () =>
    spec(eventsThrough('RecordRecognitionDecision'))
      .when(command('AssignProbationHelpers'))
      .thenThrows('DOSSIER_CLOSED'));
});

describe('member profile reminder (lý lịch đảng viên, 30 working days from the ceremony)', () => {
  const profile = (events: ReturnType<typeof history>, today: string) =>
    obligationsOf(events.state, calendar, { today }).find((o) => o.obligation === 'member-profile');

  it('is open from the ceremony, due after 30 working days, never escalated', () => {
    expect(profile(through('HoldCeremony'), '2024-06-20')).toMatchObject({
      startedOn: '2024-06-10',
      dueOn: '2024-07-22',
      status: 'open',
      escalates: false,
      period: { workingDays: 30 },
    });
  });

  it('is met by filing the profile, and shows late when overdue without escalating', () => {
    expect(profile(through('HoldCeremony', command('FileMemberProfile')), '2024-08-01')).toMatchObject({
      status: 'met',
      metOn: '2024-07-10',
    });
    expect(profile(through('HoldCeremony'), '2024-08-01')).toMatchObject({ status: 'breached', escalates: false });
  });
});

describe('transfer to another branch of the same committee', () => {
  const proposed = eventsThrough('RecordBranchResolution');
  const transferred = {
    type: 'DossierTransferred' as const,
    data: {
      transferredOn: '2024-03-12',
      toBranchId: 'chi-bo-lang-gia',
      personal: { reason: 'Sáp nhập thôn' },
      fromBranchId: 'chi-bo-thon-dong-lac',
      ruleSet: 'qd24-2021',
    },
  };

  it('records the branch it leaves; the dossier is held by the new branch, its stage unchanged', () => {
    spec(proposed).when(command('TransferDossier')).then([transferred]);
    const { state } = through('RecordBranchResolution', command('TransferDossier'));
    expect(state.branchId).toBe('chi-bo-lang-gia');
    expect(state.nomination?.branchId).toBe('chi-bo-thon-dong-lac');
    expect(state.stage).toBe('proposed');
    expect(state.transfers).toEqual([transferred.data]);
  });

  it('bounds the dates of later steps', () => {
    const { events } = through('RecordBranchResolution', command('TransferDossier', { transferredOn: '2024-03-25' }));
    spec(events)
      .when(command('RecordCommitteeResolution', { adoptedOn: '2024-03-20' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP');
    spec(proposed)
      .when(command('TransferDossier', { transferredOn: '2024-03-06' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP');
  });

  it('may follow another transfer, from the branch holding the dossier', () => {
    const { events } = through('RecordBranchResolution', command('TransferDossier'));
    spec(events)
      .when(command('TransferDossier', { toBranchId: 'b1', transferredOn: '2024-03-15' }))
      .then([
        {
          type: 'DossierTransferred',
          data: { ...transferred.data, toBranchId: 'b1', transferredOn: '2024-03-15', fromBranchId: 'chi-bo-lang-gia' },
        },
      ]);
  });

  it('is refused to the same branch, to a unit that is not a branch, or to a branch of another committee', () => {
    spec(proposed)
      .when(command('TransferDossier', { toBranchId: 'chi-bo-thon-dong-lac' }))
      .thenThrows('TRANSFER_NOT_ALLOWED', { toBranchId: 'chi-bo-thon-dong-lac' });
    spec(proposed)
      .when(command('TransferDossier', { toBranchId: 'hoi-phu-nu' }))
      .thenThrows('UNKNOWN_UNIT');
    spec(proposed)
      .when(command('TransferDossier', { toBranchId: 'khong-co' }))
      .thenThrows('UNKNOWN_UNIT');
    const twoCommunes = deciderSpec(
      contextOn('2025-12-31', {
        units: directoryOf([
          ...FIXTURE_UNITS,
          { unitId: 'dang-uy-xa-khac', name: 'Đảng ủy xã khác', kind: 'party-committee' },
          { unitId: 'chi-bo-xa-khac', name: 'Chi bộ xã khác', kind: 'branch', parentId: 'dang-uy-xa-khac' },
        ]),
      }),
    );
    twoCommunes(proposed)
      .when(command('TransferDossier', { toBranchId: 'chi-bo-xa-khac' }))
      .thenThrows('TRANSFER_NOT_ALLOWED');
  });

  it('may have its date or reason corrected, not its branch; the nomination branch is no longer corrected', () => {
    const { events } = through('RecordBranchResolution', command('TransferDossier'));
    const transferId = events.at(-1)!.eventId;
    const fix = (eventId: string, changes: Record<string, unknown>) =>
      command('CorrectStep', { eventId, changes, reason: 'Nhập sai' });
    expect(decide(fix(transferId, { transferredOn: '2024-03-08' }), fold(events), ctx)).toMatchObject([
      { type: 'StepCorrected', data: { changes: { transferredOn: '2024-03-08' } } },
    ]);
    spec(events)
      .when(fix(transferId, { toBranchId: 'b1' }))
      .thenThrows('CORRECTION_NOT_ALLOWED');
    spec(events)
      .when(fix(events[0].eventId, { branchId: 'b1' }))
      .thenThrows('CORRECTION_NOT_ALLOWED', { transfers: 1 });
    spec(events)
      .when(fix(transferId, { transferredOn: '2024-03-06' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP');
  });

  it('refuses a malformed body, and a closed dossier', () => {
    spec(proposed)
      .when(command('TransferDossier', { toBranchId: 'Chi Bộ!' }))
      .thenThrows('INVALID_COMMAND');
    spec(proposed)
      .when(command('TransferDossier', { reason: '' }))
      .thenThrows('INVALID_COMMAND');
    spec(eventsThrough('RecordRecognitionDecision')).when(command('TransferDossier')).thenThrows('DOSSIER_CLOSED');
  });
});

describe('membership ended during probation (xóa tên, or death)', () => {
  it('ends the dossier: a death gives the stage ended, a removal the stage removed', () => {
    spec(eventsThrough('HoldCeremony'))
      .when(command('EndMembership'))
      .then([{ type: 'MembershipEnded', data: { endedOn: '2024-12-02', reason: 'deceased', ruleSet: 'qd24-2021' } }]);
    const died = through('HoldCeremony', command('EndMembership'));
    expect(died.state).toMatchObject({ stage: 'ended', closedOn: '2024-12-02' });
    const removed = through('HoldCeremony', command('EndMembership', { reason: 'removed', decisionNo: '12-QĐ/ĐU' }));
    expect(removed.state.stage).toBe('removed');
    spec(died.events).when(command('RecordRecognitionReview')).thenThrows('DOSSIER_CLOSED');
  });

  it('closes the recognition obligations: none is open or breached afterwards', () => {
    const died = through('HoldCeremony', command('EndMembership'));
    const open = obligationsOf(died.state, calendar, { today: '2025-12-31' }).filter(
      (o) => o.status === 'open' || o.status === 'breached',
    );
    expect(open).toEqual([]);
    const alive = obligationsOf(fold(eventsThrough('HoldCeremony')), calendar, { today: '2025-12-31' });
    expect(alive.find((o) => o.obligation === 'recognition-review')?.status).toBe('breached');
  });

  it('is refused before the ceremony (withdrawal applies) and after the recognition decision', () => {
    spec(eventsBefore('HoldCeremony')).when(command('EndMembership')).thenThrows('STEP_OUT_OF_ORDER');
    spec(eventsThrough('RecordRecognitionDecision')).when(command('EndMembership')).thenThrows('DOSSIER_CLOSED');
    spec(eventsThrough('HoldCeremony'))
      .when(command('EndMembership', { endedOn: '2024-06-01' }))
      .thenThrows('DATE_BEFORE_PREVIOUS_STEP');
    spec(eventsThrough('HoldCeremony'))
      .when(command('EndMembership', { reason: 'left' as never }))
      .thenThrows('INVALID_COMMAND');
  });
});
