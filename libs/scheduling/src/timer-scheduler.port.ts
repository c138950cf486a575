/** Symbol token under which the engine binds the configured {@link TimerScheduler}. */
export const TIMER_SCHEDULER = Symbol('TIMER_SCHEDULER');

/** The longest timer id an adapter accepts. */
export const MAX_TIMER_ID_LENGTH = 200;

/** A wake-up to arm. The deadline itself is a fact in the event log; the timer only says when to look (DESIGN.md §5). */
export interface TimerSpec {
  /**
   * Deterministic id, such as `dossier-123_admission-decision_2024-06-04`: at most 200 characters, no `:`
   * (BullMQ builds its Redis keys with it) and no white space.
   */
  id: string;
  dueAt: Date;
  /** JSON data handed back when the timer fires; kept with its keys sorted, so an equal payload is the same text. */
  payload: Record<string, unknown>;
}

/** What a handler receives. */
export interface FiredTimer {
  id: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  /** When the delivery started, by the scheduler's clock. */
  firedAt: Date;
  /** 1 for the first delivery of this arming, 2 for the first retry, and so on. */
  attempt: number;
}

/** A timer as the scheduler holds it. */
export interface ArmedTimer {
  id: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  /** `failed`: every attempt was rejected; the timer no longer fires until it is armed again. */
  state: 'armed' | 'failed';
  /** Deliveries made so far for this arming. */
  attempts: number;
}

export type TimerHandler = (timer: FiredTimer) => Promise<void>;

/** A rejected delivery, as reported to {@link TimerDeliveryOptions.onFailure}. */
export interface TimerFailure {
  timer: FiredTimer;
  error: unknown;
  /** No attempt is left: the timer is kept as failed, for the sweep and for an operator. */
  final: boolean;
}

/** Settings every adapter takes. */
export interface TimerDeliveryOptions {
  /** Decides when a timer is due. Defaults to the system time. */
  clock?: () => Date;
  /** Deliveries of one arming before it is kept as failed (default 5). */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each further one (default 1000 ms). */
  backoffMs?: number;
  /** Told of every rejected delivery. Defaults to one line on stderr. */
  onFailure?: (failure: TimerFailure) => void;
  /** Told of infrastructure errors outside a handler (database, Redis). Defaults to one line on stderr. */
  onError?: (error: unknown) => void;
}

/**
 * Durable timers for the deadline saga. Delivery is at least once and may be late: handlers must be
 * idempotent, and a sweep recomputes every open obligation, so correctness never rests on a timer.
 */
export interface TimerScheduler {
  /** Adapter name, as shown by `/health`. */
  readonly name: 'embedded' | 'bullmq';

  /**
   * Arms a timer, or re-arms it: an id already armed, or kept as failed, takes the new due time and
   * payload and fires once, at the new time. Arming it again unchanged does nothing. Re-arming while its
   * handler runs lets that delivery finish, then fires the new arming at its time. A due time in the past
   * fires promptly.
   * @throws InvalidTimerError for a bad id (a `:`, white space, over 200 characters), date or payload.
   */
  arm(timer: TimerSpec): Promise<void>;

  /** Disarms a timer; nothing happens when it is not armed. A delivery already running finishes and is not retried. */
  cancel(id: string): Promise<void>;

  /**
   * Starts delivering due timers to `handler`. A timer is removed only once its handler resolved. A
   * rejection is retried with exponential backoff; after the last attempt the timer is kept as failed and
   * reported. A handler throws {@link UnrecoverableTimerError} to skip the remaining attempts.
   * @throws SchedulerStateError when it is already started or closed.
   */
  start(handler: TimerHandler): Promise<void>;

  /** Stops taking due timers and resolves once the deliveries in flight have finished. `start` may follow. */
  stop(): Promise<void>;

  /**
   * Delivers every timer due by the scheduler's clock now, and resolves with how many deliveries it made
   * once they are handled. The manual clock's sweep calls it after moving time.
   * @throws SchedulerStateError when not started.
   */
  pollNow(): Promise<number>;

  /** Timers that will still fire: waiting, in flight or between retries. Failed ones are not counted. */
  armed(): Promise<number>;

  /** The timer with this id, armed or kept as failed; `null` when there is none. */
  get(id: string): Promise<ArmedTimer | null>;

  /** Stops, then releases the connections or database the adapter opened itself. */
  close(): Promise<void>;
}
