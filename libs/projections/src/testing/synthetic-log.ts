import { addDays, addMonths, committeePlanStreamId, type LocalDate } from '@ketnap/domain';
import type { EventStore, NewEvent, SqliteEventStore } from '@ketnap/event-store';
import { seededRandom } from '../seeded-random';

const BRANCHES = [
  'deo-cao-lan-cham',
  'mo-am',
  'lang-quang',
  'lang-gia',
  'lan-luong',
  'dia-phan',
  'lang-ca',
  'lien-phuong',
  'truong-th-thcs',
  'truong-mam-non',
  'y-te',
  'quan-su-xa',
];
const MASS_ORGS = ['mat-tran-to-quoc', 'doan-tncs-hcm', 'hoi-cuu-chien-binh', 'hoi-nong-dan', 'hoi-phu-nu'];
const FAMILY = ['Nguyễn', 'Hoàng', 'Vi', 'Lương', 'Nông', 'Hà', 'Đặng', 'Lê', 'Triệu', 'Lăng'];
const GIVEN = ['An', 'Bình', 'Cúc', 'Dũng', 'Đào', 'Hoa', 'Lan', 'Nga', 'Tuấn', 'Thịnh', 'Ước', 'Yến'];
const ETHNICITY = ['Tày', 'Nùng', 'Kinh', 'Dao', 'Tày', 'Kinh'];
const EDUCATION = ['lower-secondary', 'upper-secondary', 'upper-secondary', 'college', 'university'];
const RULE_SET = 'qd24-2021';
/** Dossiers written at a time, taking turns (a log page of 10,000 events touches thousands of them). */
const COHORT = 5000;

const uuid = (n: number, tag: number): string =>
  `${(tag >>> 0).toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const eventIdOf = (dossier: number, k: number): string => uuid(dossier, 0xe0000000 + k);

type Step = { type: string; data: Record<string, unknown>; on: LocalDate };

/** A party committee of the synthetic catalog: its branches and mass organisations, under a higher committee or none. */
interface SyntheticCommittee {
  unitId: string;
  name: string;
  parentId?: string;
  branches: string[];
  massOrgs: string[];
}

/** The one commune of the default log: Đồng Tiến, its 12 branches and 5 mass organisations. */
const DONG_TIEN: SyntheticCommittee = {
  unitId: 'dong-tien',
  name: 'Đảng ủy xã Đồng Tiến',
  branches: BRANCHES,
  massOrgs: MASS_ORGS,
};

/** A country of `provinces` higher committees with `communes` party committees each, every one shaped like Đồng Tiến. */
function countryCommittees(provinces: number, communes: number): SyntheticCommittee[] {
  return Array.from({ length: provinces * communes }, (_, n) => {
    const province = `tinh-${String(Math.floor(n / communes) + 1).padStart(2, '0')}`;
    const unitId = `${province}-xa-${String((n % communes) + 1).padStart(3, '0')}`;
    return {
      unitId,
      name: `Đảng ủy ${unitId}`,
      parentId: province,
      branches: BRANCHES.map((b) => `${unitId}-${b}`),
      massOrgs: MASS_ORGS.map((m) => `${unitId}-${m}`),
    };
  });
}

/**
 * The events of one dossier in order: ~25 for one that goes all the way, fewer when it stops early.
 * `k` is its rank among the committee's dossiers, which picks its branch.
 */
function dossierSteps(
  i: number,
  random: () => number,
  start: LocalDate,
  committee: SyntheticCommittee,
  k: number,
): Step[] {
  const { branches, massOrgs } = committee;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const branchId = branches[k % branches.length];
  const nominatedBy = k % 3 === 0 ? massOrgs[k % massOrgs.length] : branchId;
  let day = start;
  const next = (days: number) => (day = addDays(day, 1 + Math.floor(random() * days)));
  const ev = (type: string, field: string, data: Record<string, unknown> = {}): Step => ({
    type,
    data: { ...data, [field]: next(12), ruleSet: RULE_SET },
    on: day,
  });
  const eid = (k: number) => eventIdOf(i, k);
  const personal = {
    fullName: `${pick(FAMILY)} ${random() < 0.5 ? 'Thị' : 'Văn'} ${pick(GIVEN)}`,
    birthDate: `${1975 + Math.floor(random() * 30)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
    gender: random() < 0.5 ? 'female' : 'male',
    ethnicity: pick(ETHNICITY),
    educationLevel: pick(EDUCATION),
    youthUnionMember: random() < 0.6,
    ...(random() < 0.15 && { religion: 'Phật giáo' }),
  };
  const steps: Step[] = [
    {
      type: 'CandidateNominated',
      data: { branchId, nominatedBy, nominatedOn: day, personal, ruleSet: RULE_SET },
      on: day,
    },
  ];
  const fix = (
    k: number,
    targetType: string,
    changes: Record<string, unknown>,
    extra: Record<string, unknown> = {},
  ): Step => ({
    type: 'StepCorrected',
    data: {
      eventId: eid(k),
      targetType,
      changes,
      reason: 'Sửa sai sót khi nhập',
      correctedOn: next(3),
      ruleSet: RULE_SET,
      targetRuleSet: RULE_SET,
      ...extra,
    },
    on: day,
  });
  steps.push(
    ev('HelpersAssigned', 'assignedOn', { helpers: [{ name: 'Hoàng Văn Ba', memberId: `dv-${i}` }] }),
    ev('HelpersAssigned', 'assignedOn', { helpers: [{ name: 'Vi Thị Cúc' }] }),
  );
  steps.push(
    ev('TrainingCompleted', 'issuedOn', { certificateNo: `CN-${i}`, issuer: 'Trung tâm chính trị huyện Hữu Lũng' }),
    ev('ApplicationSubmitted', 'submittedOn'),
    ev('BackgroundVerified', 'completedOn', { outcome: 'passed' }),
  );
  if (random() < 0.1) return [...steps, ev('CandidateWithdrawn', 'withdrawnOn', { reason: 'Chuyển công tác' })];
  const introducers = [{ kind: 'member', name: 'Hoàng Văn Ba', officialSince: '2010-03-02', knownSince: '2015-01-01' }];
  steps.push(
    ev('IntroducersRecorded', 'recordedOn', { introducers }),
    ev('OpinionsCollected', 'collectedOn', { summary: 'Đồng ý' }),
  );
  steps.push(
    fix(
      0,
      'CandidateNominated',
      random() < 0.5
        ? { nominatedOn: addDays(start, -Math.floor(random() * 20)) }
        : { branchId: branches[(k + 1) % branches.length] },
      random() < 0.3 ? { personal: { fullName: `${pick(FAMILY)} Thị ${pick(GIVEN)}` } } : {},
    ),
  );
  steps.push(
    ev('BranchVoteFailed', 'meetingOn', {
      officialMembers: 9,
      votesFor: 5,
      attempt: 1,
      reportToHigherCommittee: false,
    }),
  );
  steps.push(
    ev('IntroducersRecorded', 'recordedOn', { introducers }),
    ev('OpinionsCollected', 'collectedOn', { summary: 'Đồng ý' }),
  );
  steps.push(
    ev('BranchResolutionAdopted', 'meetingOn', { officialMembers: 9, votesFor: 8 }),
    ev('CommitteeResolutionAdopted', 'adoptedOn', { committeeMembers: 15, votesFor: 13 }),
  );
  steps.push(
    ev('DecisionDeadlineExtended', 'extendedOn', {
      workingDays: 30,
      reason: 'Chờ xác minh',
      obligation: 'admission-decision',
    }),
  );
  steps.push({
    type: 'DeadlineBreached',
    data: { obligation: 'admission-decision', dueOn: day, breachedOn: next(5), workingDaysLate: 2, ruleSet: RULE_SET },
    on: day,
  });
  const refused = random() < 0.1;
  steps.push(
    ev(refused ? 'AdmissionRefused' : 'AdmissionDecided', 'decidedOn', {
      decisionNo: `${i}-QĐ/HU`,
      outcome: refused ? 'refused' : 'admitted',
    }),
  );
  const decision = steps.length - 1;
  steps.push(fix(decision, refused ? 'AdmissionRefused' : 'AdmissionDecided', { decidedOn: steps[decision].on }));
  if (refused) return steps;
  steps.push(
    ev('CeremonyDelayApproved', 'approvedOn', {
      newDueOn: addDays(day, 40),
      approvedBy: 'BTV Huyện ủy Hữu Lũng',
      reason: 'Mưa lũ',
    }),
  );
  steps.push(ev('CeremonyHeld', 'heldOn'));
  const ceremony = steps.length - 1;
  steps.push({
    type: 'DeadlineBreached',
    data: { obligation: 'admission-ceremony', dueOn: day, breachedOn: next(3), workingDaysLate: 1, ruleSet: RULE_SET },
    on: day,
  });
  steps.push({
    type: 'DeadlineBreachWithdrawn',
    data: {
      obligation: 'admission-ceremony',
      dueOn: steps.at(-1)!.data.dueOn,
      withdrawnOn: next(2),
      reason: 'Đã được phê duyệt hoãn',
      ruleSet: RULE_SET,
    },
    on: day,
  });
  steps.push(fix(ceremony, 'CeremonyHeld', { heldOn: steps[ceremony].on }));
  day = addMonths(steps[ceremony].on, 12);
  steps.push(ev('RecognitionReviewed', 'meetingOn', { officialMembers: 9, votesFor: 9, proposal: 'recognize' }));
  steps.push(
    ev('RecognitionResolutionAdopted', 'adoptedOn', { committeeMembers: 15, votesFor: 12, proposal: 'recognize' }),
  );
  steps.push(
    ev(random() < 0.05 ? 'MembershipRemoved' : 'RecognitionDecided', 'decidedOn', { decisionNo: `${i}-QĐ/ĐU` }),
  );
  const last = steps.at(-1)!;
  last.data.outcome = last.type === 'MembershipRemoved' ? 'removed' : 'official';
  return steps;
}

export interface SyntheticLogOptions {
  dossiers: number;
  seed?: number;
  /** Events of one dossier appended together (default 5); dossiers take turns, as real work interleaves. */
  chunk?: number;
  /** Stop once the log holds this many events (the last dossiers then stay in progress). */
  maxEvents?: number;
  /** Share of the dossiers that stop at a random step, still in progress (default 0.4). */
  inProgress?: number;
  /**
   * A national catalog instead of the one commune Đồng Tiến: `provinces` higher committees of
   * `communes` party committees each, every commune with Đồng Tiến's branches, mass organisations and
   * a 2024 plan of its own; dossier `i` belongs to commune `i` modulo their number.
   */
  country?: { provinces: number; communes: number };
}

/**
 * Writes a realistic log through the store's append (hash chain, envelope): the unit catalog, a 2024
 * plan, then dossiers nominated across 2024 that take turns (5,000 at a time, so memory stays flat),
 * each ~25 events when it goes all the way
 * (renewals, a failed vote, extensions, breaches, corrections), fewer when withdrawn, refused or
 * still in progress (two in five stop at a random step).
 * Deterministic for a seed. Returns the number of events written. On SQLite each round of turns is
 * one transaction; on another store (`append` alone) the appends go one after the other.
 */
export async function writeSyntheticLog(
  store: SqliteEventStore | Pick<EventStore, 'append'>,
  options: SyntheticLogOptions,
): Promise<number> {
  const random = seededRandom(options.seed ?? 2024);
  const meta = (on?: LocalDate) => ({
    actor: { sub: 'office-1', role: 'office', unitIds: ['dong-tien'] },
    ruleSet: RULE_SET,
    ...(on && { occurredOn: on }),
  });
  const committees = options.country
    ? countryCommittees(options.country.provinces, options.country.communes)
    : [DONG_TIEN];
  const provinces = [...new Set(committees.flatMap((c) => (c.parentId === undefined ? [] : [c.parentId])))];
  const units = [
    ...provinces.map((unitId) => ({ unitId, name: `Tỉnh ủy ${unitId}`, kind: 'higher-committee' })),
    ...committees.flatMap((c) => [
      {
        unitId: c.unitId,
        name: c.name,
        kind: 'party-committee',
        ...(c.parentId !== undefined && { parentId: c.parentId }),
      },
      ...c.branches.map((u, i) => ({
        unitId: u,
        name: u,
        kind: 'branch',
        parentId: c.unitId,
        block: i < 8 ? 'rural' : 'agency',
        officialMembers: 9,
      })),
      ...c.massOrgs.map((u) => ({ unitId: u, name: u, kind: 'mass-org', parentId: c.unitId })),
    ]),
  ];
  await store.append(
    'units',
    units.map((u) => ({ type: 'UnitRecorded', data: u, metadata: meta() })),
    { expectedVersion: 'any' },
  );
  const quarters = [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 1, admissions: quarter > 1 ? 1 : 0 }));
  for (const [n, c] of committees.entries()) {
    const plan = {
      year: 2024,
      committeeId: c.unitId,
      source: 'json',
      warnings: [],
      minimums: { total: 6, rural: 3, agency: 3 },
      units: [...c.branches, ...c.massOrgs].map((unitId, i) => ({
        unitId,
        name: unitId,
        table: i < c.branches.length ? 'branches' : 'coordination',
        quarters,
        total: { nominations: 4, admissions: 3 },
      })),
    };
    // The year's own stream is the first committee's; the others' are named after them.
    const stream = n === 0 ? 'plan-2024' : committeePlanStreamId(c.unitId, 2024);
    await store.append(stream, [{ type: 'PlanAdopted', data: plan, metadata: meta() }], { expectedVersion: 'any' });
  }
  const chunk = options.chunk ?? 5;
  const limit = options.maxEvents ?? Number.POSITIVE_INFINITY;
  let written = units.length + committees.length;
  const inProgressShare = options.inProgress ?? 0.4;
  for (let first = 0; first < options.dossiers && written < limit; first += COHORT) {
    const cohort = Array.from({ length: Math.min(COHORT, options.dossiers - first) }, (_, k) => {
      const i = first + k;
      const committee = committees[i % committees.length];
      const rank = Math.floor(i / committees.length);
      const steps = dossierSteps(i, random, addDays('2024-01-02', Math.floor(random() * 330)), committee, rank);
      const inProgress = random() < inProgressShare;
      return {
        i,
        id: uuid(i, 0xd0551e00),
        steps: inProgress ? steps.slice(0, 1 + Math.floor(random() * steps.length)) : steps,
        done: 0,
      };
    });
    for (let open = cohort; open.length > 0 && written < limit; open = open.filter((d) => d.done < d.steps.length)) {
      const appends: Array<() => Promise<unknown>> = [];
      for (const d of open) {
        if (written >= limit) break;
        const events: NewEvent[] = d.steps
          .slice(d.done, d.done + Math.min(chunk, limit - written))
          .map((s, k) => ({ type: s.type, data: s.data, eventId: eventIdOf(d.i, d.done + k), metadata: meta(s.on) }));
        const expectedVersion = d.done;
        appends.push(() => store.append(`dossier-${d.id}`, events, { expectedVersion }));
        d.done += events.length;
        written += events.length;
      }
      if ('db' in store) {
        const pending: Array<Promise<unknown>> = [];
        store.db.transaction(() => appends.forEach((append) => pending.push(append())))();
        await Promise.all(pending);
      } else for (const append of appends) await append();
    }
  }
  return written;
}
