import { InspectionCaseError } from '@ketnap/domain';
import { RequestError, type FieldError } from '../http/request-error';

/** The domain's refusal of a case command as the answer the edge gives: 400, 404 or 422 with its code. */
export function asRequestError(error: unknown): unknown {
  if (!(error instanceof InspectionCaseError)) return error;
  const status = error.code === 'INVALID_COMMAND' ? 400 : error.code === 'INSPECTION_CASE_NOT_FOUND' ? 404 : 422;
  const errors = Array.isArray(error.details?.errors) ? (error.details.errors as FieldError[]) : undefined;
  return new RequestError(status, error.code, error.message, errors);
}
