import { assertAppendable, checkExpectedVersion, sealEvents, toEnvelope } from '../envelope';
import {
  LOG_START,
  type AppendOptions,
  type AppendResult,
  type EventEnvelope,
  type EventStore,
  type LogCheckpoint,
  type LogPage,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type Subscription,
  type SubscriptionOptions,
  type VerifyResult,
} from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { checkImport, importedCommands } from '../import-events';
import { PollingSubscription } from '../polling-subscription';
import { verifyStreamEvents, verifyWholeLog } from '../verify';
import { comparePositionCheckpoints, decodePosition, encodePosition, inRecordedRange } from '../log-position';

/**
 * An event store in memory, for tests and demos: the same contract as the durable adapters, nothing
 * kept across restarts.
 */
export class MemoryEventStore implements EventStore {
  readonly name = 'memory';
  private readonly log: EventEnvelope[] = [];
  private readonly streams = new Map<string, EventEnvelope[]>();
  private readonly commands = new Map<string, AppendResult>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendable(streamId, events);
    if (options.commandId !== undefined) {
      const first = await this.commandResult(options.commandId);
      if (first) return first;
    }
    const stream = this.streams.get(streamId);
    const version = stream ? stream.length : null;
    checkExpectedVersion(streamId, options.expectedVersion, version);
    const last = stream?.[stream.length - 1];
    const recordedAt = this.clock().toISOString();
    const sealed = sealEvents(
      streamId,
      events,
      { version: version ?? 0, hash: last?.hash ?? GENESIS_HASH },
      recordedAt,
      options.commandId,
    ).map((event, index) => toEnvelope(event, this.log.length + index + 1));
    this.log.push(...sealed);
    this.streams.set(streamId, [...(stream ?? []), ...sealed]);
    const result: AppendResult = {
      streamId,
      nextExpectedVersion: (version ?? 0) + sealed.length,
      positions: sealed.map((e) => e.globalPosition),
      duplicate: false,
      recordedAt,
    };
    if (options.commandId !== undefined) this.commands.set(options.commandId, result);
    return result;
  }

  async importEvents(events: EventEnvelope[]): Promise<void> {
    checkImport(events, this.log.length, (streamId) => {
      const last = this.streams.get(streamId)?.at(-1);
      return last && { version: last.streamVersion, hash: last.hash };
    });
    const copies = events.map(clone);
    for (const [commandId, result] of importedCommands(copies, (id) => this.commands.get(id) ?? null)) {
      this.commands.set(commandId, result);
    }
    this.log.push(...copies);
    for (const event of copies) {
      const stream = this.streams.get(event.streamId);
      if (stream) stream.push(event);
      else this.streams.set(event.streamId, [event]);
    }
  }

  async commandResult(commandId: string): Promise<AppendResult | null> {
    const first = this.commands.get(commandId);
    return first ? { ...first, duplicate: true } : null;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const from = options.fromVersion ?? 1;
    const to = options.toVersion ?? Number.MAX_SAFE_INTEGER;
    return (this.streams.get(streamId) ?? [])
      .filter((e) => e.streamVersion >= from && e.streamVersion <= to && inRecordedRange(e, options.recordedUpTo))
      .map(clone);
  }

  async streamVersion(streamId: string): Promise<number | null> {
    return this.streams.get(streamId)?.length ?? null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<LogPage> {
    const after = decodePosition(options.after ?? LOG_START);
    const limit = options.limit ?? 500;
    const events = this.log.slice(after, after + limit).map(clone);
    const last = events[events.length - 1];
    return {
      events,
      checkpoint: last ? encodePosition(last.globalPosition) : (options.after ?? LOG_START),
      checkpoints: events.map((e) => encodePosition(e.globalPosition)),
      isEnd: after + events.length >= this.log.length,
    };
  }

  compareCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
    return comparePositionCheckpoints(a, b);
  }

  async headPosition(): Promise<number> {
    return this.log.length;
  }

  subscribe(options: SubscriptionOptions): Subscription {
    return new PollingSubscription(this, options);
  }

  async verify(streamId?: string): Promise<VerifyResult> {
    return streamId === undefined ? verifyWholeLog(this) : verifyStreamEvents(await this.readStream(streamId));
  }

  async close(): Promise<void> {}

  /** Test hook: changes a stored event in place, as an attacker with access to the store would. */
  tamper(streamId: string, streamVersion: number, change: (event: EventEnvelope) => void): void {
    const event = this.streams.get(streamId)?.[streamVersion - 1];
    if (!event) throw new Error(`no event ${streamId}@${streamVersion}`);
    change(event);
  }
}

function clone(event: EventEnvelope): EventEnvelope {
  return structuredClone(event);
}
