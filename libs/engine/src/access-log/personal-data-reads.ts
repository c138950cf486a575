import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ACCESS_LOG_STREAM, type Actor, type PersonalRead, type PersonalReadKind } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import { CLOCK, type Clock } from '../clock/clock';
import { runCommand } from '../commands/command-pipeline';

/** Who the access log's events name as their actor: the engine, writing down what readers were served. */
export const ACCESS_LOG_ACTOR: Actor = { sub: 'ketnap-access-log', role: 'system', unitIds: [] };

/** Reads kept before they are appended at once, and the most one event holds. */
export const ACCESS_LOG_BATCH = 200;
/** How long a read waits at most before it is appended. */
export const ACCESS_LOG_FLUSH_MS = 1000;

/** Reads appended together; the command id makes a retried append of them append them once. */
interface Batch {
  commandId: string;
  reads: PersonalRead[];
}

/**
 * The access log of personal-data reads (DESIGN.md §9), written without slowing the reads: a route
 * that served personal data calls {@link record}, which only notes the read in memory; the reads are
 * appended to the `access-log` stream through the command pipeline every second, at 200 of them, and
 * when the app stops. An append that fails keeps its reads and is tried again a second later.
 */
@Injectable()
export class PersonalDataReads implements OnModuleDestroy {
  private readonly logger = new Logger('access-log');
  private pending: PersonalRead[] = [];
  /** Batches formed and not yet appended, oldest first. */
  private readonly batches: Batch[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private appendedTo = 0;
  /** Once the app stops, the last flush is its own: nothing is tried again later. */
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Notes that `actor` was just served the personal data of these dossiers (`what`: which view of
   * it). Synchronous: the read never waits for the store.
   */
  record(actor: Actor, what: PersonalReadKind, dossierIds: string | readonly string[]): void {
    const at = this.clock.now().toISOString();
    for (const dossierId of typeof dossierIds === 'string' ? [dossierIds] : dossierIds)
      this.pending.push({ dossierId, username: actor.sub, role: actor.role, at, what });
    if (this.pending.length >= ACCESS_LOG_BATCH) this.flushLater(0);
    else if (this.pending.length > 0) this.flushLater(ACCESS_LOG_FLUSH_MS);
  }

  /**
   * Appends every read recorded before the call (after any append already under way).
   * @returns the global position of the last event this process appended to the log (0: none yet).
   * @throws the store's error when an append fails; its reads stay and are tried again.
   */
  flush(): Promise<number> {
    const run = this.flushing.then(() => this.appendAll());
    this.flushing = run.catch((error: unknown) => {
      this.logger.warn(`${this.pendingCount()} personal-data reads not logged yet, trying again: ${messageOf(error)}`);
      this.flushLater(ACCESS_LOG_FLUSH_MS);
    });
    return run.then(() => this.appendedTo);
  }

  /** Reads recorded and not yet in the store. */
  pendingCount(): number {
    return this.pending.length + this.batches.reduce((n, batch) => n + batch.reads.length, 0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      await this.flush();
    } catch (error) {
      this.logger.error(`${this.pendingCount()} personal-data reads not logged at shutdown: ${messageOf(error)}`);
    }
  }

  private flushLater(ms: number): void {
    if (this.stopped || (this.timer !== undefined && ms > 0)) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // A failure is logged and tried again by flush itself.
      this.flush().catch(() => undefined);
    }, ms);
    this.timer.unref();
  }

  private async appendAll(): Promise<void> {
    for (let i = 0; i < this.pending.length; i += ACCESS_LOG_BATCH)
      this.batches.push({
        commandId: `access-log/${randomUUID()}`,
        reads: this.pending.slice(i, i + ACCESS_LOG_BATCH),
      });
    this.pending = [];
    while (this.batches.length > 0) {
      const { commandId, reads } = this.batches[0];
      const { appended } = await runCommand(
        this.store,
        {
          streamId: ACCESS_LOG_STREAM,
          load: 'append-only',
          initialState: () => undefined,
          evolve: () => undefined,
          decide: () => [{ type: 'PersonalDataRead', data: { reads } }],
          result: () => undefined,
        },
        { actor: ACCESS_LOG_ACTOR, system: true, commandId },
      );
      this.appendedTo = Math.max(this.appendedTo, ...appended.map((e) => e.globalPosition));
      this.batches.shift();
    }
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
