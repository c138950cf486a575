/** A timer that can never be armed: a bad id, due date or payload. */
export class InvalidTimerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTimerError';
  }
}

/** Thrown by a timer handler when retrying cannot help: the timer is kept as failed at once. */
export class UnrecoverableTimerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnrecoverableTimerError';
  }
}

/** A scheduler used out of order: started twice, polled before `start`, used after `close`. */
export class SchedulerStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerStateError';
  }
}
