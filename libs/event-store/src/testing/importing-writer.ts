import { assertAppendable, checkExpectedVersion, sealEvents, toEnvelope } from '../envelope';
import type { AppendOptions, AppendResult, EventEnvelope, EventStore, NewEvent } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import type { ChainLink } from '../verify';

/**
 * Writes a large log fast through a store's `importEvents`, for benches that need millions of events:
 * each append is sealed here as the adapters seal it (`sealEvents`: canonical JSON, hash chained to the
 * stream's head), given the log's next positions, and the events are imported `batch` at a time, one
 * transaction each. The import checks that every batch continues the log and its streams; `verify`
 * checks the hashes once the log is written. Nothing else may write the store meanwhile.
 */
export class ImportingWriter implements Pick<EventStore, 'append'> {
  private readonly heads = new Map<string, ChainLink>();
  private pending: EventEnvelope[] = [];

  private constructor(
    private readonly store: Pick<EventStore, 'importEvents'>,
    private position: number,
    private readonly batch: number,
    private readonly onFlush?: (position: number) => void,
  ) {}

  /** A writer that continues the store's log; an existing stream cannot be appended to (its head is unknown here). */
  static async open(
    store: Pick<EventStore, 'importEvents' | 'headPosition'>,
    options: { batch?: number; onFlush?: (position: number) => void } = {},
  ): Promise<ImportingWriter> {
    return new ImportingWriter(store, await store.headPosition(), options.batch ?? 20_000, options.onFlush);
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    const head = this.heads.get(streamId);
    checkExpectedVersion(streamId, options.expectedVersion, head?.version ?? null);
    const recordedAt = new Date().toISOString();
    const sealed = sealEvents(
      streamId,
      events,
      head ?? { version: 0, hash: GENESIS_HASH },
      recordedAt,
      options.commandId,
    );
    const positions = sealed.map((event) => {
      this.position += 1;
      this.pending.push(toEnvelope(event, this.position));
      return this.position;
    });
    const last = sealed[sealed.length - 1];
    this.heads.set(streamId, { version: last.streamVersion, hash: last.hash });
    if (this.pending.length >= this.batch) await this.flush();
    return { streamId, nextExpectedVersion: last.streamVersion, positions, duplicate: false, recordedAt };
  }

  /** Imports the events sealed since the last flush. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    await this.store.importEvents(events);
    this.onFlush?.(this.position);
  }
}
