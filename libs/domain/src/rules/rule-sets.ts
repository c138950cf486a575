import type { EducationLevel } from '../dossier/commands';
import { compareDates, type LocalDate } from '../time/local-date';
import { BUILTIN_RULE_SETS } from './builtin-rule-sets';

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
  /** Party Charter Art. 4 [unconfirmed for the recommending vote]: the base committee's resolutions need 2/3 of its members. */
  committeeVoteThreshold: Ratio;
  /** Party Charter Art. 4; QĐ 24/294-QĐ/TW 3.2.1: an introducer has known the candidate ≥ 12 months. */
  introducerAcquaintanceMonths: number;
  /**
   * Party Charter Art. 1; QĐ 24/294-QĐ/TW 3.1: at least lower-secondary education (tốt nghiệp trung
   * học cơ sở); below it (literacy only) with provincial consent.
   */
  minEducationLevel: EducationLevel;
  /**
   * QĐ 24/232-QĐ/TW 4.3.2; QĐ 294-QĐ/TW [unconfirmed]: who decides when the committee's unit has no
   * `authorities` data: the standing committee of the parent (higher) committee, or of the committee itself.
   */
  competentAuthorityDefault: CompetentAuthorityDefault;
}

/**
 * How the deciding body is found when a committee's unit lists no competent authorities: the standing
 * committee of the committee above it, or of the committee itself.
 */
export type CompetentAuthorityDefault = 'parent-higher-committee' | 'committee-itself';

/**
 * A version of the admission rules (DOMAIN.md §7) with its effective period, both ends inclusive: one
 * data file each (`data/<id>.json`, read by `parseRuleSetData`); an operator's file replaces or adds one.
 */
export interface RuleSet {
  id: RuleSetId;
  title: string;
  effectiveFrom: LocalDate;
  effectiveTo?: LocalDate;
  parameters: RuleParameters;
  /** The text that fixes each parameter, where one is known. */
  sources?: Partial<Record<keyof RuleParameters, string>>;
  /** The parameters whose figure is inferred rather than read in the text (DOMAIN.md's [unconfirmed]). */
  unconfirmed?: (keyof RuleParameters)[];
}

/**
 * The built-in rule sets, one data file each under `data/` (qd24-2021, qd232-2025, qd294-2025).
 * Adding one (the announced 2026 revision) is a new file, closing the previous file's `effectiveTo`;
 * an operator can do the same without a release (`KETNAP_RULES_DIR`).
 */
export const RULE_SETS: readonly RuleSet[] = BUILTIN_RULE_SETS;

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

/** How the deciding body is found, under `set`, for a committee whose unit lists no competent authorities. */
export const competentAuthorityDefaultOf = (set: RuleSet): CompetentAuthorityDefault =>
  set.parameters.competentAuthorityDefault;

/**
 * How the deciding body is found on `date` (the rule set in force then) for a committee whose unit
 * lists no competent authorities; undefined when no rule set covers the date.
 */
export const competentAuthorityDefaultOn = (
  date: LocalDate,
  sets: readonly RuleSet[] = RULE_SETS,
): CompetentAuthorityDefault | undefined => ruleSetOn(date, sets)?.parameters.competentAuthorityDefault;
