import { Injectable } from '@nestjs/common';

/** A reader of the global log (projection, saga) whose progress `/health` and `/metrics` report. */
export interface LogConsumer {
  readonly name: string;
  /** Global position of the last event the consumer has fully handled. */
  position(): number;
}

/** Where consumers announce themselves, so lag is measured from what really runs. */
@Injectable()
export class ConsumerRegistry {
  private readonly consumers = new Map<string, LogConsumer>();

  register(consumer: LogConsumer): void {
    if (this.consumers.has(consumer.name)) throw new Error(`consumer ${consumer.name} is registered twice`);
    this.consumers.set(consumer.name, consumer);
  }

  unregister(name: string): void {
    this.consumers.delete(name);
  }

  /**
   * Positions another thread or process measured (the worker's thread reports them): each replaces
   * the consumer of its name, so `/health` reads a number instead of asking a database.
   */
  report(positions: Record<string, number>): void {
    for (const [name, position] of Object.entries(positions))
      this.consumers.set(name, { name, position: () => position });
  }

  /** The position each consumer reached. */
  positions(): Record<string, number> {
    return Object.fromEntries([...this.consumers.values()].map((c) => [c.name, c.position()]));
  }

  /** Events each consumer has still to handle, given the log's head position. */
  lag(head: number): Record<string, number> {
    return Object.fromEntries([...this.consumers.values()].map((c) => [c.name, Math.max(0, head - c.position())]));
  }
}
