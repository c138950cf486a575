export * from './inspection-case';
export { InspectionCaseError, type InspectionCaseErrorCode } from './inspection-case-error';
export { decideInspectionCase, evolveInspectionCase } from './decide-inspection-case';
