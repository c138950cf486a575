import type { FieldError, MessageParams } from '@ketnap/domain';
import type { ClockJump, RefusalKind, RequestKey } from '@ketnap/engine';

/** A refusal or fault of the worker's thread, as it crosses to the API's thread. */
export interface CarriedError {
  message: string;
  /** Set for a refusal (`RequestError`), which the API answers as it would its own. */
  kind?: RefusalKind;
  /** A refusal's catalogue key (its code with it), parameters and fields, rendered by the API's thread. */
  key?: RequestKey;
  params?: MessageParams;
  errors?: FieldError[];
  /** Set for bad configuration found while the worker started, which the start reports in one line. */
  config?: { variable: string; reason: string };
  stack?: string;
}

/** What the API's thread asks of the worker's. */
export type ToWorker = { type: 'clock'; id: number; now: string } | { type: 'stop' };

/** What the worker's thread tells the API's: started, how far its consumers are, a clock answered. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: CarriedError }
  | { type: 'positions'; positions: Record<string, number> }
  | { type: 'clock'; id: number; result?: ClockJump; error?: CarriedError };
