import { Inject, Injectable, Logger } from '@nestjs/common';
import { dossierIdOfStream } from '@ketnap/domain';
import { EVENT_STORE, type EventStore, type LogPage, type Subscription } from '@ketnap/event-store';
import type { LogConsumer } from '../consumers/consumer-registry';
import { DeadlineSaga } from './deadline-saga';
import { SagaStore } from './saga-store';

const NAME = 'deadline-saga';
/** Dossiers reconciled at once within a page. */
const CONCURRENCY = 4;

/**
 * The saga as a checkpointed consumer of the global log (DESIGN.md §4): for each page, every dossier
 * that has a new event is reconciled, then the checkpoint is stored in the deadlines database. A
 * crash before the checkpoint replays the page: the saga's effects are idempotent.
 */
@Injectable()
export class DeadlineSagaConsumer implements LogConsumer {
  readonly name = NAME;
  private readonly logger = new Logger('DeadlineSaga');
  private subscription: Subscription | undefined;
  private lastPosition: number;
  private waiters: Array<{ position: number; resolve: () => void }> = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly saga: DeadlineSaga,
    private readonly sagaStore: SagaStore,
  ) {
    this.lastPosition = sagaStore.checkpoint(NAME).position;
  }

  position(): number {
    return this.lastPosition;
  }

  start(): void {
    if (this.subscription) return;
    this.subscription = this.store.subscribe({
      after: this.sagaStore.checkpoint(NAME).checkpoint,
      batchSize: 200,
      pollIntervalMs: 100,
      handler: (page) => this.handle(page),
      onError: (error, attempt) =>
        this.logger.error(
          `page failed (attempt ${attempt}), retrying: ${error instanceof Error ? error.message : String(error)}`,
        ),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  /** Resolves once every event up to `position` (default: the head now) is handled. */
  async caughtUp(position?: number): Promise<void> {
    const target = position ?? (await this.store.headPosition());
    if (this.lastPosition >= target) return;
    await new Promise<void>((resolve) => this.waiters.push({ position: target, resolve }));
  }

  private async handle(page: LogPage): Promise<void> {
    const dossierIds = [...new Set(page.events.flatMap((e) => dossierIdOfStream(e.streamId) ?? []))];
    for (let next = 0; next < dossierIds.length; next += CONCURRENCY) {
      await Promise.all(dossierIds.slice(next, next + CONCURRENCY).map((id) => this.saga.reconcile(id, 'log')));
    }
    const position = page.events[page.events.length - 1].globalPosition;
    this.sagaStore.saveCheckpoint(NAME, { checkpoint: page.checkpoint, position });
    this.lastPosition = position;
    const ready = this.waiters.filter((w) => w.position <= position);
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const w of ready) w.resolve();
  }
}
