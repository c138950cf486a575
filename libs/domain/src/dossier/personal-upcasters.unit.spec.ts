import { decodeEvent } from '../events/decode-event';
import { schemaVersionOf } from '../events/event-schemas';
import { stepsOf } from './view';
import { evolve } from './evolve';
import { initialState, type DossierState } from './state';
import type { RecordedDossierEvent } from './events';

const stored = (type: string, data: Record<string, unknown>, schemaVersion = 1) => ({
  eventId: 'e-1',
  streamId: 'dossier-d1',
  streamVersion: 2,
  type,
  schemaVersion,
  data,
});

/** Version 1 data of each step with personal fields, as an earlier release stored them, and the version 2 data. */
const V1_TO_V2: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
  [
    'HelpersAssigned',
    { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }], assignedOn: '2023-09-15', ruleSet: 'qd24-2021' },
    {
      assignedOn: '2023-09-15',
      ruleSet: 'qd24-2021',
      personal: { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }] },
    },
  ],
  [
    'ProbationHelpersAssigned',
    { helpers: [{ name: 'Vi Thị Cúc' }], assignedOn: '2024-06-20', ruleSet: 'qd24-2021' },
    { assignedOn: '2024-06-20', ruleSet: 'qd24-2021', personal: { helpers: [{ name: 'Vi Thị Cúc' }] } },
  ],
  [
    'BackgroundVerified',
    { completedOn: '2023-12-15', outcome: 'passed', notes: 'Bố mẹ là đảng viên', ruleSet: 'qd24-2021' },
    { completedOn: '2023-12-15', outcome: 'passed', ruleSet: 'qd24-2021', personal: { notes: 'Bố mẹ là đảng viên' } },
  ],
  [
    'BackgroundVerified',
    { completedOn: '2023-12-15', outcome: 'failed', ruleSet: 'qd24-2021' },
    { completedOn: '2023-12-15', outcome: 'failed', ruleSet: 'qd24-2021', personal: {} },
  ],
  [
    'IntroducersRecorded',
    {
      recordedOn: '2024-01-10',
      introducers: [
        { kind: 'youth-union', name: 'BCH Đoàn xã Đồng Tiến' },
        { kind: 'member', name: 'Hoàng Văn Ba', officialSince: '2010-03-02', knownSince: '2020-01-01' },
      ],
      noYouthUnionBase: false,
      ruleSet: 'qd24-2021',
    },
    {
      recordedOn: '2024-01-10',
      introducers: [{ kind: 'youth-union' }, { kind: 'member', officialSince: '2010-03-02', knownSince: '2020-01-01' }],
      noYouthUnionBase: false,
      ruleSet: 'qd24-2021',
      personal: { introducers: [{ name: 'BCH Đoàn xã Đồng Tiến' }, { name: 'Hoàng Văn Ba' }] },
    },
  ],
  [
    'OpinionsCollected',
    { collectedOn: '2024-02-20', summary: 'Đồng ý', ruleSet: 'qd24-2021' },
    { collectedOn: '2024-02-20', ruleSet: 'qd24-2021', personal: { summary: 'Đồng ý' } },
  ],
  [
    'DecisionDeadlineExtended',
    {
      extendedOn: '2024-05-10',
      workingDays: 30,
      reason: 'Chờ xác minh',
      obligation: 'admission-decision',
      ruleSet: 'qd24-2021',
    },
    {
      extendedOn: '2024-05-10',
      workingDays: 30,
      obligation: 'admission-decision',
      ruleSet: 'qd24-2021',
      personal: { reason: 'Chờ xác minh' },
    },
  ],
  [
    'CeremonyDelayApproved',
    {
      approvedOn: '2024-06-20',
      newDueOn: '2024-07-31',
      approvedBy: 'BTV Huyện ủy',
      reason: 'Ốm',
      ruleSet: 'qd24-2021',
    },
    {
      approvedOn: '2024-06-20',
      newDueOn: '2024-07-31',
      ruleSet: 'qd24-2021',
      personal: { approvedBy: 'BTV Huyện ủy', reason: 'Ốm' },
    },
  ],
  [
    'DossierTransferred',
    {
      transferredOn: '2024-03-12',
      toBranchId: 'b2',
      fromBranchId: 'b1',
      reason: 'Chuyển công tác',
      ruleSet: 'qd24-2021',
    },
    {
      transferredOn: '2024-03-12',
      toBranchId: 'b2',
      fromBranchId: 'b1',
      ruleSet: 'qd24-2021',
      personal: { reason: 'Chuyển công tác' },
    },
  ],
  [
    'CandidateWithdrawn',
    { withdrawnOn: '2024-03-01', reason: 'Đi xuất khẩu lao động', ruleSet: 'qd24-2021' },
    { withdrawnOn: '2024-03-01', ruleSet: 'qd24-2021', personal: { reason: 'Đi xuất khẩu lao động' } },
  ],
];

describe('upcasters of the steps whose personal fields moved under `personal` (schema version 2)', () => {
  it.each(V1_TO_V2)('brings a stored version 1 %s to version 2, leaving the stored data as it was', (type, v1, v2) => {
    const event = stored(type, v1);
    const copy = structuredClone(v1);
    expect(schemaVersionOf(type as never)).toBe(2);
    expect(decodeEvent(event)).toEqual({ ...event, schemaVersion: 2, data: v2 });
    expect(event.data).toEqual(copy);
  });

  it('reads a version 2 event as it is', () => {
    const [, , v2] = V1_TO_V2[0];
    const event = stored('HelpersAssigned', v2, 2);
    expect(decodeEvent(event)).toBe(event);
  });
});

describe('upcaster of StepCorrected (schema version 2)', () => {
  it("moves the reason under `personal`, and the candidate's corrected fields under `personal.changes`", () => {
    const v1 = {
      eventId: 'e1',
      targetType: 'CandidateNominated',
      changes: { nominatedOn: '2023-09-06' },
      personal: { fullName: 'Nguyễn Thị Ân' },
      reason: 'Nhập sai tên',
      correctedOn: '2025-01-02',
      ruleSet: 'qd24-2021',
      targetRuleSet: 'qd24-2021',
    };
    expect(decodeEvent(stored('StepCorrected', v1)).data).toEqual({
      eventId: 'e1',
      targetType: 'CandidateNominated',
      changes: { nominatedOn: '2023-09-06' },
      personal: { reason: 'Nhập sai tên', changes: { fullName: 'Nguyễn Thị Ân' } },
      correctedOn: '2025-01-02',
      ruleSet: 'qd24-2021',
      targetRuleSet: 'qd24-2021',
    });
  });

  it("moves a corrected step's personal fields out of `changes`, in the step's stored shape", () => {
    const v1 = {
      eventId: 'e6',
      targetType: 'IntroducersRecorded',
      changes: {
        recordedOn: '2024-01-11',
        introducers: [
          { kind: 'member', name: 'Hoàng Văn Ba', officialSince: '2010-03-02', knownSince: '2020-01-01' },
          { kind: 'trade-union', name: 'BCH Công đoàn' },
        ],
      },
      reason: 'Nhập sai',
      correctedOn: '2025-01-02',
      ruleSet: 'qd24-2021',
    };
    expect(decodeEvent(stored('StepCorrected', v1)).data).toEqual({
      eventId: 'e6',
      targetType: 'IntroducersRecorded',
      changes: {
        recordedOn: '2024-01-11',
        introducers: [
          { kind: 'member', officialSince: '2010-03-02', knownSince: '2020-01-01' },
          { kind: 'trade-union' },
        ],
      },
      personal: {
        reason: 'Nhập sai',
        changes: { introducers: [{ name: 'Hoàng Văn Ba' }, { name: 'BCH Công đoàn' }] },
      },
      correctedOn: '2025-01-02',
      ruleSet: 'qd24-2021',
    });
    const notes = { ...v1, targetType: 'BackgroundVerified', changes: { notes: null, completedOn: '2023-12-16' } };
    expect(decodeEvent(stored('StepCorrected', notes)).data).toMatchObject({
      changes: { completedOn: '2023-12-16' },
      personal: { reason: 'Nhập sai', changes: { notes: null } },
    });
  });

  it('folds stored version 1 events into the state and the step views of before', () => {
    const nominated = {
      branchId: 'b1',
      nominatedBy: 'doan',
      nominatedOn: '2023-09-05',
      ruleSet: 'qd24-2021',
      personal: { fullName: 'Nguyễn Thị An', birthDate: '1996-05-10', gender: 'female', ethnicity: 'Tày' },
    };
    const helpers = { helpers: [{ name: 'Lê Văn Bình' }], assignedOn: '2023-09-15', ruleSet: 'qd24-2021' };
    const correction = {
      eventId: 'e2',
      targetType: 'HelpersAssigned',
      changes: { helpers: [{ name: 'Lê Văn Bính', memberId: 'dv-1' }] },
      reason: 'Sai tên',
      correctedOn: '2023-09-20',
      ruleSet: 'qd24-2021',
      targetRuleSet: 'qd24-2021',
    };
    const log = [
      { ...stored('CandidateNominated', nominated), eventId: 'e1' },
      { ...stored('HelpersAssigned', helpers), eventId: 'e2' },
      { ...stored('StepCorrected', correction), eventId: 'e3' },
    ];
    const state = log
      .map((e) => decodeEvent(e) as unknown as RecordedDossierEvent)
      .reduce((s: DossierState, e) => evolve(s, e), initialState());
    expect(stepsOf(state)['helper-assigned']).toEqual({
      helpers: [{ name: 'Lê Văn Bính', memberId: 'dv-1' }],
      assignedOn: '2023-09-15',
      ruleSet: 'qd24-2021',
      eventId: 'e2',
      corrected: true,
    });
    expect(state.corrections).toEqual([
      { eventId: 'e3', targetEventId: 'e2', correctedOn: '2023-09-20', reason: 'Sai tên', fields: ['helpers'] },
    ]);
  });
});
