import { createVietnamCalendar } from '../calendar';
import type { WorkingDayCalendar } from '../calendar/calendar.port';
import type { DossierCommand } from '../dossier/commands';
import type { DecideContext } from '../dossier/context';
import { decide } from '../dossier/decide';
import type { RecordedDossierEvent } from '../dossier/events';
import { evolve } from '../dossier/evolve';
import { initialState, type DossierState } from '../dossier/state';
import type { AuthorityPeriod, OrgUnit, UnitDirectory } from '../plan/org-unit';
import { startOfLegalDate, type LocalDate } from '../time/local-date';

export const calendar: WorkingDayCalendar = createVietnamCalendar();

/** The commune of the fixtures: its committee, its branches and two mass organisations. */
export const FIXTURE_UNITS: readonly OrgUnit[] = [
  { unitId: 'dang-uy-xa-dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' },
  {
    unitId: 'chi-bo-thon-dong-lac',
    name: 'Chi bộ thôn Đồng Lạc',
    kind: 'branch',
    parentId: 'dang-uy-xa-dong-tien',
    block: 'rural',
    officialMembers: 9,
  },
  {
    unitId: 'chi-bo-lang-gia',
    name: 'Chi bộ Làng Gia',
    kind: 'branch',
    parentId: 'dang-uy-xa-dong-tien',
    block: 'rural',
    officialMembers: 12,
  },
  { unitId: 'doan-thanh-nien', name: 'Đoàn TNCS Hồ Chí Minh', kind: 'mass-org', parentId: 'dang-uy-xa-dong-tien' },
  { unitId: 'hoi-phu-nu', name: 'Hội Phụ nữ', kind: 'mass-org', parentId: 'dang-uy-xa-dong-tien' },
  ...['lang-gia', 'b1', 'b2'].map((unitId): OrgUnit => ({
    unitId,
    name: `Chi bộ ${unitId}`,
    kind: 'branch',
    parentId: 'dang-uy-xa-dong-tien',
  })),
];

/** The district committee above the fixtures' commune (DOMAIN.md §1: BTV Huyện ủy Hữu Lũng until 30/06/2025). */
export const DISTRICT: OrgUnit = { unitId: 'huyen-uy-huu-lung', name: 'Huyện ủy Hữu Lũng', kind: 'higher-committee' };
export const PROVINCE: OrgUnit = { unitId: 'tinh-uy-lang-son', name: 'Tỉnh ủy Lạng Sơn', kind: 'higher-committee' };

/** The seed commune's competent authorities as data (QĐ 24/232-QĐ/TW 4.3.2, then QĐ 294-QĐ/TW). */
export const DONG_TIEN_AUTHORITIES: AuthorityPeriod[] = [
  { from: '2021-07-30', to: '2025-06-30', unitId: 'huyen-uy-huu-lung' },
  { from: '2025-07-01', unitId: 'dang-uy-xa-dong-tien' },
];

/** The fixture units with the commune under the district committee, its own fields overridden. */
export const unitsUnderDistrict = (committee: Partial<OrgUnit> = {}): OrgUnit[] => [
  DISTRICT,
  PROVINCE,
  ...FIXTURE_UNITS.map((u) => (u.kind === 'party-committee' ? { ...u, parentId: DISTRICT.unitId, ...committee } : u)),
];

/** A directory over `units`, as the engine builds one from the catalog. */
export const directoryOf = (units: readonly OrgUnit[]): UnitDirectory => {
  const byId = new Map(units.map((u) => [u.unitId, u]));
  return (id) => byId.get(id);
};

/** A context whose today is `today` (noon in Asia/Ho_Chi_Minh). */
export const contextOn = (today: LocalDate, extra: Partial<DecideContext> = {}): DecideContext => ({
  now: new Date(startOfLegalDate(today).getTime() + 12 * 3600 * 1000),
  actor: { sub: 'office-1', role: 'office', unitIds: ['dang-uy-xa-dong-tien'] },
  calendar,
  units: directoryOf(FIXTURE_UNITS),
  ...extra,
});

export const TODAY = '2025-12-31';
export const ctx = contextOn(TODAY);

type Data<T extends DossierCommand['type']> = Extract<DossierCommand, { type: T }>['data'];

/** A command of `type` with the happy-path data, fields overridden. */
export function command<T extends DossierCommand['type']>(
  type: T,
  overrides: Partial<Data<T>> = {},
): Extract<DossierCommand, { type: T }> {
  return { type, data: { ...(HAPPY[type] as object), ...overrides } } as unknown as Extract<
    DossierCommand,
    { type: T }
  >;
}

export const member = (overrides: object = {}) => ({
  kind: 'member' as const,
  name: 'Hoàng Văn Ba',
  officialSince: '2010-03-02',
  knownSince: '2020-01-01',
  ...overrides,
});

/** The Youth Union base executive as an introducer: the candidate of the fixtures is a Youth Union member of 27. */
export const youthUnionExecutive = { kind: 'youth-union' as const, name: 'BCH Đoàn xã Đồng Tiến' };

/** One dossier that goes through every step on time (dates in the 2024 plan year). */
const HAPPY: Partial<{ [T in DossierCommand['type']]: Data<T> }> = {
  NominateCandidate: {
    candidate: {
      fullName: 'Nguyễn Thị An',
      birthDate: '1996-05-10',
      gender: 'female',
      ethnicity: 'Tày',
      educationLevel: 'upper-secondary',
      youthUnionMember: true,
    },
    branchId: 'chi-bo-thon-dong-lac',
    nominatedBy: 'doan-thanh-nien',
    nominatedOn: '2023-09-05',
  },
  AssignHelpers: { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }], assignedOn: '2023-09-15' },
  RecordTraining: {
    certificateNo: 'CN-123/2023',
    issuedOn: '2023-10-20',
    issuer: 'Trung tâm chính trị huyện Hữu Lũng',
  },
  SubmitApplication: { submittedOn: '2023-11-01' },
  RecordBackgroundVerification: { completedOn: '2023-12-15', outcome: 'passed' },
  RecordIntroducers: { recordedOn: '2024-01-10', introducers: [youthUnionExecutive, member({ name: 'Vi Thị Cúc' })] },
  CollectOpinions: { collectedOn: '2024-02-20', summary: 'Đồng ý' },
  RecordBranchResolution: { meetingOn: '2024-03-07', officialMembers: 9, votesFor: 7, resolutionNo: '05-NQ/CB' },
  RecordCommitteeResolution: { adoptedOn: '2024-03-20', committeeMembers: 15, votesFor: 12 },
  RecordAdmissionDecision: {
    decidedOn: '2024-05-15',
    decisionNo: '312-QĐ/HU',
    outcome: 'admitted',
    receivedOn: '2024-05-20',
  },
  HoldCeremony: { heldOn: '2024-06-10' },
  RecordRecognitionReview: { meetingOn: '2025-06-20', officialMembers: 9, votesFor: 9, proposal: 'recognize' },
  RecordRecognitionResolution: { adoptedOn: '2025-06-25', committeeMembers: 15, votesFor: 12, proposal: 'recognize' },
  RecordRecognitionDecision: { decidedOn: '2025-07-15', decisionNo: '45-QĐ/ĐU', outcome: 'official' },
  AssignProbationHelpers: { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }], assignedOn: '2024-06-20' },
  FileMemberProfile: { filedOn: '2024-07-10' },
  RecordNewMemberClass: {
    certificateNo: 'DVM-45/2024',
    issuedOn: '2024-09-12',
    issuer: 'Trung tâm chính trị huyện Hữu Lũng',
  },
  TransferDossier: { transferredOn: '2024-03-12', toBranchId: 'chi-bo-lang-gia', reason: 'Sáp nhập thôn' },
  EndMembership: { endedOn: '2024-12-02', reason: 'deceased' },
  ExtendDecisionDeadline: { extendedOn: '2024-05-10', workingDays: 30, reason: 'Chờ xác minh bổ sung' },
  ApproveCeremonyDelay: {
    approvedOn: '2024-07-01',
    newDueOn: '2024-07-31',
    approvedBy: 'BTV Huyện ủy Hữu Lũng',
    reason: 'Mưa lũ',
  },
  WithdrawCandidate: { withdrawnOn: '2024-03-01', reason: 'Chuyển công tác' },
};

/** The main line of the procedure, in order. */
export const MAIN_LINE = [
  'NominateCandidate',
  'AssignHelpers',
  'RecordTraining',
  'SubmitApplication',
  'RecordBackgroundVerification',
  'RecordIntroducers',
  'CollectOpinions',
  'RecordBranchResolution',
  'RecordCommitteeResolution',
  'RecordAdmissionDecision',
  'HoldCeremony',
  'RecordRecognitionReview',
  'RecordRecognitionResolution',
  'RecordRecognitionDecision',
] as const;

export type MainStep = (typeof MAIN_LINE)[number];

/** Runs commands through decide and evolve, as the engine would, giving ids `e1`, `e2`, …. */
export function history(
  commands: readonly DossierCommand[],
  context: DecideContext = ctx,
): { events: RecordedDossierEvent[]; state: DossierState } {
  let state = initialState();
  const events: RecordedDossierEvent[] = [];
  for (const c of commands) {
    for (const e of decide(c, state, context)) {
      const r: RecordedDossierEvent = { ...e, eventId: `e${events.length + 1}` };
      events.push(r);
      state = evolve(state, r);
    }
  }
  return { events, state };
}

export type Overrides = { [T in MainStep]?: Partial<Data<T>> };

/** The happy-path events up to and including `last`, with some steps' data overridden. */
export function eventsThrough(last: MainStep, overrides: Overrides = {}): RecordedDossierEvent[] {
  const steps = MAIN_LINE.slice(0, MAIN_LINE.indexOf(last) + 1);
  return history(steps.map((t) => command(t, overrides[t] as never))).events;
}

/** The happy-path events before `next`. */
export function eventsBefore(next: MainStep, overrides: Overrides = {}): RecordedDossierEvent[] {
  return MAIN_LINE.indexOf(next) === 0 ? [] : eventsThrough(MAIN_LINE[MAIN_LINE.indexOf(next) - 1], overrides);
}

/** A nomination override with another birth date (or other personal data). */
export const candidate = (personal: object) =>
  ({ NominateCandidate: { candidate: { ...command('NominateCandidate').data.candidate, ...personal } } }) as Overrides;

/** Introduced by two official members (the path of a candidate who is not a Youth Union member of youth age). */
export const TWO_MEMBERS: Overrides = {
  RecordIntroducers: { introducers: [member(), member({ name: 'Vi Thị Cúc' })] },
};

/** A candidate past youth age (or not in the Youth Union): other personal data, introduced by two members. */
export const elder = (personal: object): Overrides => ({ ...candidate(personal), ...TWO_MEMBERS });

/** Introducers as `IntroducersRecorded` stores them: their facts outside, their names under `personal`. */
export function storedIntroducers(introducers: ReadonlyArray<{ name: string }>) {
  return {
    introducers: introducers.map((i) => Object.fromEntries(Object.entries(i).filter(([key]) => key !== 'name'))),
    personal: { introducers: introducers.map(({ name }) => ({ name })) },
  };
}
