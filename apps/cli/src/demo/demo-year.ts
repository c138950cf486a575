import { addDays, type CandidatePersonal, type EducationLevel, type LocalDate, type Plan } from '@ketnap/domain';
import { seededRandom } from '@ketnap/projections';
import type { ScriptedDossier } from './dossier-script';

const FAMILY = ['Nguyễn', 'Hoàng', 'Vi', 'Lương', 'Nông', 'Hà', 'Đặng', 'Lê', 'Triệu', 'Lăng', 'Chu', 'Mã'];
const GIVEN = {
  female: ['Hoa', 'Lan', 'Nga', 'Cúc', 'Đào', 'Yến', 'Thu', 'Huyền', 'Mai'],
  male: ['Đức', 'Tuấn', 'Bình', 'Dũng', 'Thịnh', 'Ước', 'Hùng', 'Sơn', 'Lợi'],
};
const ETHNICITIES = ['Tày', 'Tày', 'Tày', 'Nùng', 'Nùng', 'Kinh', 'Kinh', 'Dao'];
const EDUCATION: EducationLevel[] = [
  'lower-secondary',
  'upper-secondary',
  'upper-secondary',
  'upper-secondary',
  'college',
  'university',
];
const QUARTER_START = ['01-02', '04-01', '07-01', '10-01'];

/**
 * A year of synthetic dossiers for `ketnap demo`, shaped by the plan: each nomination target gives a
 * dossier nominated in (or near) its quarter, the mass organisations' targets decide who nominated
 * some of them, each admission target gives a dossier nominated months earlier and decided in (or
 * after) its quarter, and a few more are refused, withdrawn, late or still in preparation. Legal dates
 * lie in the plan year (ceremonies up to the next spring). Deterministic for a seed; `extras` is how
 * many dossiers beyond the plan's targets (refused, withdrawn or still on their way).
 */
export function demoDossiers(plan: Plan, seed = 2024, extras = 14): ScriptedDossier[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const days = (max: number) => Math.floor(random() * max);
  const inQuarter = (quarter: number) => addDays(`${plan.year}-${QUARTER_START[quarter - 1]}`, days(80));
  const candidate = (): CandidatePersonal => {
    const gender = random() < 0.55 ? 'female' : 'male';
    const birthDate = addDays(`${1972 + days(30)}-01-01`, days(360));
    return {
      fullName: `${pick(FAMILY)} ${gender === 'female' ? 'Thị' : 'Văn'} ${pick(GIVEN[gender])}`,
      birthDate,
      gender,
      ethnicity: pick(ETHNICITIES),
      educationLevel: pick(EDUCATION),
      youthUnionMember: birthDate >= `${plan.year - 30}`,
      ...(random() < 0.1 && { religion: 'Phật giáo' }),
    };
  };
  const slots = (table: 'branches' | 'coordination', field: 'nominations' | 'admissions') =>
    plan.units
      .filter((u) => u.table === table)
      .flatMap((u) =>
        u.quarters.flatMap((q) => Array.from({ length: q[field] }, () => ({ unitId: u.unitId, quarter: q.quarter }))),
      );
  /** Takes a mass organisation's slot of the quarter, if one is left: that organisation nominated the dossier. */
  const take = (left: Array<{ unitId: string; quarter: number }>, quarter: number) => {
    const index = left.findIndex((m) => m.quarter === quarter);
    return index < 0 ? undefined : left.splice(index, 1)[0].unitId;
  };
  const massOrgNominations = slots('coordination', 'nominations');
  const massOrgAdmissions = slots('coordination', 'admissions');
  const branches = plan.units.filter((u) => u.table === 'branches').map((u) => u.unitId);
  const dossiers: ScriptedDossier[] = [];

  for (const slot of slots('branches', 'nominations')) {
    const nominatedOn = random() < 0.2 ? addDays(inQuarter(slot.quarter), 60) : inQuarter(slot.quarter);
    const nominatedBy = take(massOrgNominations, slot.quarter) ?? slot.unitId;
    const roll = random();
    const then: ScriptedDossier['then'] =
      roll < 0.1
        ? { until: 'withdrawn', on: addDays(nominatedOn, 40 + days(30)) }
        : { until: roll < 0.6 ? 'in-preparation' : 'proposed', on: addDays(nominatedOn, 30 + days(40)) };
    dossiers.push({ branchId: slot.unitId, nominatedBy, nominatedOn, candidate: candidate(), then });
  }
  for (const slot of slots('branches', 'admissions')) {
    const late = random() < 0.3;
    const decidedOn = late ? addDays(inQuarter(slot.quarter), 75) : inQuarter(slot.quarter);
    const proposedOn = addDays(decidedOn, late ? -100 : -35 - days(20));
    const nominatedBy = take(massOrgAdmissions, slot.quarter) ?? slot.unitId;
    const ceremonyOn = addDays(decidedOn, random() < 0.25 ? 50 + days(20) : 10 + days(20));
    dossiers.push({
      branchId: slot.unitId,
      nominatedBy,
      nominatedOn: addDays(proposedOn, -150 - days(60)),
      candidate: candidate(),
      then: { until: 'decision', decidedOn, outcome: 'admitted', proposedOn, ceremonyOn },
    });
  }
  for (let extra = 0; extra < extras; extra += 1) {
    const branchId = pick(branches);
    const nominatedOn = addDays(`${plan.year - 1}-09-01`, days(420));
    const roll = random();
    const then: ScriptedDossier['then'] =
      roll < 0.25
        ? { until: 'decision', decidedOn: addDays(nominatedOn, 200 + days(60)), outcome: 'refused' }
        : roll < 0.4
          ? { until: 'withdrawn', on: addDays(nominatedOn, 50) }
          : roll < 0.7
            ? { until: 'awaiting-decision', on: addDays(nominatedOn, 150) }
            : undefined;
    dossiers.push({
      branchId,
      nominatedBy: random() < 0.3 ? pick(plan.units.filter((u) => u.table === 'coordination')).unitId : branchId,
      nominatedOn,
      candidate: candidate(),
      then,
    });
  }
  return dossiers;
}

/** The latest legal date of a demo: today must be on or after it. */
export function lastDateOf(dossiers: readonly ScriptedDossier[]): LocalDate {
  const dates = dossiers.flatMap((d) => [
    d.nominatedOn,
    ...(d.then ? [d.then.until === 'decision' ? (d.then.ceremonyOn ?? d.then.decidedOn) : d.then.on] : []),
  ]);
  return dates.reduce((a, b) => (a > b ? a : b));
}
