import { HttpException } from '@nestjs/common';
import {
  codeOfKey,
  englishOf,
  type FieldError,
  type KeyOfCode,
  type Localizable,
  type MessageKey,
  type MessageParams,
  type RequestCode,
  type RuleCode,
} from '@ketnap/domain';

/** One invalid field as a 400 lists it, its message in the reader's language. */
export interface ProblemField {
  field: string;
  message: string;
}

/** An error answer (RFC 9457 `application/problem+json`), as API.md "Conventions" fixes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** For people, in the language the request asked for (`Accept-Language`; Vietnamese by default). */
  detail: string;
  /** Stable: clients switch on it (`VALIDATION_FAILED`, `VERSION_CONFLICT`, `STEP_OUT_OF_ORDER`, …). */
  code: string;
  /** Every invalid field, for a 400. */
  errors?: ProblemField[];
  /** The figures behind a refusal by a rule (422). */
  details?: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** `urn:ketnap:problem:version-conflict` for `VERSION_CONFLICT`. */
export const problemType = (code: string): string => `urn:ketnap:problem:${code.toLowerCase().replace(/_/g, '-')}`;

/** A catalogue key the API answers with itself: its own codes, and a rule code it finds first (`DOSSIER_NOT_FOUND`). */
export type ProblemKey = KeyOfCode<RequestCode | RuleCode>;

/**
 * An error the API raises itself, with its status, its code's catalogue message and, when it needs
 * them, fields and headers. The message is rendered in the reader's language when it is answered.
 */
export class ProblemException extends HttpException implements Localizable {
  readonly code: RequestCode | RuleCode;
  readonly messageKey: MessageKey;

  constructor(
    status: number,
    key: ProblemKey,
    readonly messageParams: MessageParams = {},
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(englishOf(key, messageParams), status);
    this.code = codeOfKey<RequestCode | RuleCode>(key);
    this.messageKey = key;
  }
}
