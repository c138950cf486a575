import { canonicalJson } from '@ketnap/event-store';
import { InvalidTimerError } from './errors';
import {
  MAX_TIMER_ID_LENGTH,
  type TimerDeliveryOptions,
  type TimerFailure,
  type TimerSpec,
} from './timer-scheduler.port';

/** A timer checked and ready to store: due time in epoch milliseconds, payload as canonical JSON. */
export interface CheckedTimer {
  id: string;
  dueAtMs: number;
  payloadJson: string;
}

/** @throws InvalidTimerError naming what is wrong with the id. */
export function assertTimerId(id: string): void {
  if (typeof id !== 'string' || id.length === 0) throw new InvalidTimerError('a timer id must be a non-empty string');
  if (id.length > MAX_TIMER_ID_LENGTH) {
    throw new InvalidTimerError(
      `timer id is ${id.length} characters long, more than ${MAX_TIMER_ID_LENGTH}: ${id.slice(0, 40)}…`,
    );
  }
  if (id.includes(':'))
    throw new InvalidTimerError(`timer id ${JSON.stringify(id)} contains ':', which BullMQ reserves for its keys`);
  if (/[\s\p{Cc}]/u.test(id))
    throw new InvalidTimerError(`timer id ${JSON.stringify(id)} contains white space or a control character`);
}

/** @throws InvalidTimerError for a bad id, an invalid date or a payload that is not a JSON object. */
export function checkTimer(timer: TimerSpec): CheckedTimer {
  assertTimerId(timer.id);
  const dueAtMs = timer.dueAt instanceof Date ? timer.dueAt.getTime() : Number.NaN;
  if (!Number.isFinite(dueAtMs)) throw new InvalidTimerError(`timer ${timer.id}: dueAt is not a valid date`);
  const { payload } = timer;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new InvalidTimerError(`timer ${timer.id}: the payload must be a JSON object`);
  }
  return { id: timer.id, dueAtMs, payloadJson: canonicalJson(payload) };
}

/** Delivery settings with their defaults filled in. */
export type DeliverySettings = Required<TimerDeliveryOptions>;

export function deliverySettings(options: TimerDeliveryOptions): DeliverySettings {
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 1000;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError(`maxAttempts must be a whole number ≥ 1 (got ${maxAttempts})`);
  if (!(backoffMs >= 0)) throw new RangeError(`backoffMs must be ≥ 0 (got ${backoffMs})`);
  return {
    clock: options.clock ?? (() => new Date()),
    maxAttempts,
    backoffMs,
    onFailure: options.onFailure ?? reportFailure,
    onError: options.onError ?? ((error) => process.stderr.write(`timer scheduler: ${describe(error)}\n`)),
  };
}

/** The wait before retry number `attempt` (1 after the first failure): `backoffMs · 2^(attempt − 1)`. */
export function retryDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** (attempt - 1);
}

function reportFailure({ timer, error, final }: TimerFailure): void {
  const outcome = final ? 'kept as failed' : 'will retry';
  process.stderr.write(`timer ${timer.id} attempt ${timer.attempt} rejected (${outcome}): ${describe(error)}\n`);
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
