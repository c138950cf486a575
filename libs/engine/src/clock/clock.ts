/** Symbol token of the engine's {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The one source of "now" outside the domain (which is handed `now`, never reads it). */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock moved by hand (`KETNAP_CLOCK=manual`), for tests and demos. It never moves back. */
export class ManualClock implements Clock {
  private current: Date;

  constructor(start: Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** @throws RangeError when `to` is before the clock's time. */
  set(to: Date): void {
    if (to.getTime() < this.current.getTime()) {
      throw new RangeError(
        `the clock never moves back: it is ${this.current.toISOString()}, asked for ${to.toISOString()}`,
      );
    }
    this.current = new Date(to);
  }
}
