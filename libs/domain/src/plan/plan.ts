import type { MessageRef } from '../messages/message-text';
/** Plan years the engine accepts. */
export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2100;

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

/**
 * Which published table a unit's row belongs to: the branch block (khối chi bộ) or the mass
 * organisations' coordination table (biểu phối hợp, khối MTTQ và đoàn thể).
 */
export type PlanTable = 'branches' | 'coordination';

/** Targets of one quarter: nominations (giới thiệu quần chúng ưu tú) and admissions (kết nạp). */
export interface QuarterTarget {
  quarter: Quarter;
  nominations: number;
  admissions: number;
}

export interface Targets {
  nominations: number;
  admissions: number;
}

/** One unit's row of the plan: always four quarters, in order, and their sum. */
export interface PlanUnit {
  unitId: string;
  /** The unit's name when the plan was adopted. */
  name: string;
  table: PlanTable;
  quarters: QuarterTarget[];
  total: Targets;
}

/** Minimum admissions the plan's text sets for the commune and per block. */
export interface PlanMinimums {
  total?: number;
  rural?: number;
  agency?: number;
}

/** Who receives the plan's issued quarterly quota reports (Nơi nhận); with a webhook, each issue is sent to it. */
export interface PlanRecipient {
  name: string;
  /** An http(s) URL; the issue is POSTed there, signed like the deadline reminders. */
  webhookUrl?: string;
}

/** A warning of a plan import: a message of the catalogue (`plan.*`), not rendered yet. */
export type PlanWarning = MessageRef;

/** A committee's plan for one year (kế hoạch phát triển đảng viên), normalized whatever its source. */
export interface Plan {
  year: number;
  committeeId?: string;
  /** How it was submitted: a JSON body or the published tab-separated table. */
  source: 'json' | 'tsv';
  units: PlanUnit[];
  minimums?: PlanMinimums;
  /** Nơi nhận of the quarterly quota reports; absent in plans adopted before it existed. */
  recipients?: PlanRecipient[];
  /**
   * What the import assumed or noticed (blank cells, totals that disagree, units created): catalogue
   * messages, rendered where they are shown in the reader's language.
   */
  warnings: PlanWarning[];
}

export const isPlanYear = (year: number): boolean =>
  Number.isInteger(year) && year >= PLAN_YEAR_MIN && year <= PLAN_YEAR_MAX;

/** The four quarters in order, each taken from `given` or 0, with their sum. */
export function completeQuarters(given: readonly QuarterTarget[]): {
  quarters: QuarterTarget[];
  total: Targets;
  missing: Quarter[];
} {
  const missing: Quarter[] = [];
  const quarters = QUARTERS.map((quarter) => {
    const found = given.find((q) => q.quarter === quarter);
    if (!found) missing.push(quarter);
    return { quarter, nominations: found?.nominations ?? 0, admissions: found?.admissions ?? 0 };
  });
  return { quarters, total: sumTargets(quarters), missing };
}

export function sumTargets(items: readonly Targets[]): Targets {
  return items.reduce(
    (sum, t) => ({ nominations: sum.nominations + t.nominations, admissions: sum.admissions + t.admissions }),
    {
      nominations: 0,
      admissions: 0,
    },
  );
}

/** Roman numeral of a quarter, as the published tables write it (`Quý IV`). */
export const romanQuarter = (quarter: Quarter): string => ['I', 'II', 'III', 'IV'][quarter - 1];
