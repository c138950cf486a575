import { HttpException } from '@nestjs/common';
import type { FieldError } from '@ketnap/engine';

/** An error answer (RFC 9457 `application/problem+json`), as API.md "Conventions" fixes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable: clients switch on it (`VALIDATION_FAILED`, `VERSION_CONFLICT`, `STEP_OUT_OF_ORDER`, …). */
  code: string;
  /** Every invalid field, for a 400. */
  errors?: FieldError[];
  /** The figures behind a refusal by a rule (422). */
  details?: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `urn:ketnap:problem:version-conflict` for `VERSION_CONFLICT`. */
export const problemType = (code: string): string => `urn:ketnap:problem:${code.toLowerCase().replace(/_/g, '-')}`;

/** An error the API raises itself, with its status, code and, when it needs them, fields and headers. */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    detail: string,
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail, status);
  }
}
