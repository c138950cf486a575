import { CodedError } from '../errors/coded-error';

/** The codes of the refusals of a command on an inspection case. */
export const INSPECTION_CASE_ERROR_CODES = [
  'INVALID_COMMAND',
  'INSPECTION_CASE_NOT_FOUND',
  'CASE_ALREADY_ACKNOWLEDGED',
  'CASE_CLOSED',
  'CASE_WITHDRAWN',
] as const;

/** Why a command on an inspection case is refused; stable, clients switch on it. */
export type InspectionCaseErrorCode = (typeof INSPECTION_CASE_ERROR_CODES)[number];

/** A command on an inspection case that the case's state or the command's data forbids. */
export class InspectionCaseError extends CodedError<InspectionCaseErrorCode> {
  override readonly name = 'InspectionCaseError';
}
