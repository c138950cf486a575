export * from './time/local-date';
export * from './calendar';
export * from './plan';
export { CodedError } from './errors/coded-error';
export { DomainError, isDomainError } from './errors/domain-error';
export { RULE_CODES, ruleCodeInfo, type RuleCode, type RuleCodeInfo } from './rules/rule-codes';
export {
  RULE_SETS,
  competentAuthorityDefaultOf,
  competentAuthorityDefaultOn,
  meetsThreshold,
  ruleSetById,
  ruleSetOn,
  type CompetentAuthorityDefault,
  type Ratio,
  type RuleParameters,
  type RuleSet,
  type RuleSetId,
} from './rules/rule-sets';
export {
  COMPETENT_AUTHORITY_DEFAULTS,
  RULE_PARAMETER_NAMES,
  RULE_SET_FORMAT,
  RuleSetDataError,
  canonicalParameters,
  combineRuleSets,
  parseRuleSetData,
  type LabelledRuleSet,
} from './rules/rule-set-data';
export { competentAuthorityOn, type CompetentAuthority } from './rules/competent-authority';
export type * from './dossier/commands';
export type * from './dossier/events';
export {
  LEGAL_DATE_FIELD,
  correctedLegalDate,
  correctedText,
  eventLegalDate,
  eventPersonalData,
  eventRuleSet,
} from './dossier/event-facts';
export type { Actor, DecideContext } from './dossier/context';
export { decide } from './dossier/decide';
export { evolve, evolveAll, evolveWith } from './dossier/evolve';
export { dossierDecider } from './dossier/decider';
export {
  initialState,
  laidOutInitialState,
  type BreachRecord,
  type CorrectionRecord,
  type DerivedDossier,
  type DossierState,
  type StepRecord,
} from './dossier/state';
export { STAGES, STAGE_AFTER, TERMINAL_STAGES, isTerminal, stageAfter, stageOn, type Stage } from './dossier/stage';
export { branchOn, probationEndOf } from './dossier/derive';
export { REPORT_FROM_ATTEMPT } from './dossier/decide/build-step';
export { EVENT_COMMANDS, EVENT_STEPS, STEP_COMMANDS, type StepName } from './dossier/steps';
export { nextSteps, type NextStep } from './dossier/next-steps';
export { stepForms, type FieldSpec } from './dossier/step-forms';
export { OBLIGATION_CODES } from './dossier/shapes';
export * from './dossier/import';
export { LEGACY_RULE_SET } from './dossier/decide/legacy-step';
export { PERSONAL_FIELDS } from './dossier/decide/correct-step';
export { introducerPath } from './dossier/rules/introducers.rule';
export { candidateOf, stepsOf, type ErasedCandidate, type StepView } from './dossier/view';
export { obligationsOf, type ObligationOptions } from './obligations/obligations';
export { obligationEventOf } from './obligations/obligation-events';
export { explainObligation } from './obligations/explain';
export type { Obligation, ObligationStatus } from './obligations/obligation';
export * from './inspection';
export * from './accounts';
export * from './access-log';
export * from './streams';
export * from './events';
export * from './messages';
export type * from './obligations/reminder-events';
