import { CodedError } from '../errors/coded-error';

/** Why a command on an inspection case is refused; stable, clients switch on it. */
export type InspectionCaseErrorCode =
  'INVALID_COMMAND' | 'INSPECTION_CASE_NOT_FOUND' | 'CASE_ALREADY_ACKNOWLEDGED' | 'CASE_CLOSED' | 'CASE_WITHDRAWN';

/** A command on an inspection case that the case's state or the command's data forbids. */
export class InspectionCaseError extends CodedError<InspectionCaseErrorCode> {
  override readonly name = 'InspectionCaseError';
}
