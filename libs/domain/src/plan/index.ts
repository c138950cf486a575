export * from './org-unit';
export * from './plan';
export * from './plan-error';
export * from './committees';
export { authorityPeriodErrors, checkUnitAuthorities, periodInOrder, periodsOverlap } from './unit-authorities';
export type { PublishedPlan, PublishedRow, PublishedTable, PublishedTotalsRow } from './published-plan';
export { foldName, searchWordsOf, slugOf } from './fold-name';
export { inferBlock, AGENCY_NAME_MARKERS } from './infer-block';
export { matchUnitByName, type NameMatch } from './match-units';
export { parsePlanTsv } from './tsv-plan.parser';
export { planFromPublished, type AdoptedPublishedPlan, type PublishedPlanOptions } from './plan-from-published';
export { planFromInput, type PlanInput } from './plan-from-input';
// Legal dates are validated at the HTTP edge with the domain's own rule.
export { isLocalDate } from '../time/local-date';
export {
  emptyCatalog,
  evolveCatalog,
  foldCatalog,
  sameUnit,
  unitsOf,
  type UnitCatalog,
  type UnitRecorded,
  type UnitView,
} from './unit-catalog';
export {
  emptyPlanState,
  evolvePlan,
  type PlanAdopted,
  type PlanAdoptedV1,
  type PlanState,
  type PlanView,
} from './plan-fold';
export {
  quarterEnd,
  quotaIssueDay,
  quotaIssuesStreamId,
  quotaQuartersDue,
  type QuotaIssueDifference,
  type QuotaReportIssued,
} from './quota-issue';
