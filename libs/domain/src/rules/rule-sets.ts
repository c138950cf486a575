import type { EducationLevel } from '../dossier/commands';
import { compareDates, type LocalDate } from '../time/local-date';

export type RuleSetId = string;

/** A fraction compared in integers: `votes * den >= members * num`. */
export interface Ratio {
  num: number;
  den: number;
}

/** The figures a rule set fixes. Periods in working days unless the name says months. */
export interface RuleParameters {
  /** QĐ 24-QĐ/TW 4.3.1: competent authority decides within 60 working days of the branch resolution. */
  admissionDecisionWorkingDays: number;
  /** QĐ 24-QĐ/TW 4.3.1: one extension, at most 30 working days. */
  maxExtensionWorkingDays: number;
  /** QĐ 24-QĐ/TW 4.1: ceremony within 30 working days of receiving the decision. */
  ceremonyWorkingDays: number;
  /** QĐ 24-QĐ/TW 4.2.1: branch review within 30 working days of the end of probation. */
  recognitionReviewWorkingDays: number;
  /** QĐ 24-QĐ/TW 4.3.1: recognition decision within 30 working days of the review (extendable). */
  recognitionDecisionWorkingDays: number;
  /** HD 12-HD/BTCTW [unconfirmed]: the new member files lý lịch đảng viên within 30 working days of the ceremony (reminder only). */
  memberProfileWorkingDays: number;
  /** Party Charter Art. 5.1: probation (dự bị) lasts 12 months. */
  probationMonths: number;
  /** HD 01-HD/TW 2021; HD 06-HD/TW 2025 5.4: awareness-class certificate valid 60 months. */
  certificateValidityMonths: number;
  /** HD 01-HD/TW 2021 [partly unconfirmed]: dossier documents stay fresh 12 months. */
  dossierFreshnessMonths: number;
  /** Party Charter Art. 1.2: from 18 full years. */
  minAgeYears: number;
  /** QĐ 24-QĐ/TW 3.1: to 60 full years, counted in months; over that with provincial consent. */
  maxAgeYears: number;
  /** Luật Thanh niên 2020 Art. 1: youth age (độ tuổi thanh niên) is 16 to 30. */
  youthMaxAgeYears: number;
  /** Party Charter Art. 4: resolutions need 2/3 of the members entitled to vote. */
  voteThreshold: Ratio;
  /** Party Charter Art. 4; QĐ 24/294-QĐ/TW 3.2.1: an introducer has known the candidate ≥ 12 months. */
  introducerAcquaintanceMonths: number;
  /**
   * Party Charter Art. 1; QĐ 24/294-QĐ/TW 3.1: at least lower-secondary education (tốt nghiệp trung
   * học cơ sở); below it (literacy only) with provincial consent.
   */
  minEducationLevel: EducationLevel;
}

/** A version of the admission rules (DOMAIN.md §7) with its effective period, both ends inclusive. */
export interface RuleSet {
  id: RuleSetId;
  title: string;
  effectiveFrom: LocalDate;
  effectiveTo?: LocalDate;
  parameters: RuleParameters;
}

const QD24_PARAMETERS: RuleParameters = {
  admissionDecisionWorkingDays: 60,
  maxExtensionWorkingDays: 30,
  ceremonyWorkingDays: 30,
  recognitionReviewWorkingDays: 30,
  recognitionDecisionWorkingDays: 30,
  memberProfileWorkingDays: 30,
  probationMonths: 12,
  certificateValidityMonths: 60,
  dossierFreshnessMonths: 12,
  minAgeYears: 18,
  maxAgeYears: 60,
  youthMaxAgeYears: 30,
  voteThreshold: { num: 2, den: 3 },
  introducerAcquaintanceMonths: 12,
  minEducationLevel: 'lower-secondary',
};

/**
 * The built-in rule sets. Adding one (the announced 2026 revision) is a new entry here, closing the
 * previous entry's `effectiveTo`, plus its tests.
 */
export const RULE_SETS: readonly RuleSet[] = [
  {
    id: 'qd24-2021',
    title: 'QĐ 24-QĐ/TW 30/07/2021 + HD 01-HD/TW 28/09/2021',
    effectiveFrom: '2021-07-30',
    effectiveTo: '2025-01-19',
    parameters: QD24_PARAMETERS,
  },
  {
    id: 'qd232-2025',
    title: 'QĐ 232-QĐ/TW 20/01/2025',
    effectiveFrom: '2025-01-20',
    effectiveTo: '2025-06-30',
    parameters: QD24_PARAMETERS,
  },
  {
    // Deadlines of QĐ 294 4.3.1 are [unconfirmed] (DOMAIN.md §3): kept equal to QĐ 24 until seen.
    id: 'qd294-2025',
    title: 'QĐ 294-QĐ/TW 26/05/2025 + HD 06-HD/TW 09/06/2025',
    effectiveFrom: '2025-07-01',
    parameters: QD24_PARAMETERS,
  },
];

/** The rule set in force on `date`, or undefined when none covers it. */
export function ruleSetOn(date: LocalDate, sets: readonly RuleSet[] = RULE_SETS): RuleSet | undefined {
  return sets.find(
    (s) =>
      compareDates(s.effectiveFrom, date) <= 0 &&
      (s.effectiveTo === undefined || compareDates(date, s.effectiveTo) <= 0),
  );
}

export function ruleSetById(id: RuleSetId | undefined, sets: readonly RuleSet[] = RULE_SETS): RuleSet | undefined {
  return sets.find((s) => s.id === id);
}

/** True when `votes` reach `threshold` of `members`, in integer arithmetic (2/3: `votes * 3 >= members * 2`). */
export const meetsThreshold = (votes: number, members: number, threshold: Ratio): boolean =>
  votes * threshold.den >= members * threshold.num;
