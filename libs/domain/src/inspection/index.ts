export * from './inspection-case';
export {
  INSPECTION_CASE_ERROR_CODES,
  InspectionCaseError,
  type InspectionCaseErrorCode,
} from './inspection-case-error';
export { decideInspectionCase, evolveInspectionCase } from './decide-inspection-case';
