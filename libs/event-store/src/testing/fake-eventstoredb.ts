import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  type Position,
  type ReadStreamOptions,
  type RecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import type { FilteredReadOptions } from '../eventstoredb/esdb-client';

type Stored = RecordedEvent & { position: Position };

/**
 * EventStoreDB as the adapter relies on it, in memory, to run the adapter's own logic (claims, heads,
 * paging, retries) without a server. What it assumes of the server is what the adapter assumes:
 * revisions from 0 and conditional appends, one commit position per append with a prepare position
 * per event (sparse: records take bytes), a read from a position includes the event at it, a
 * filtered read returns up to `maxCount` events that pass. Data travels as client 6 sends it
 * (`JSON.stringify`) and comes back parsed; metadata bytes are parsed as JSON.
 */
export class FakeEventStoreDb {
  private readonly streams = new Map<string, Stored[]>();
  private readonly log: Stored[] = [];
  private offset = 4096n;
  /** Called before each append is checked: a test's other writer comes in here. */
  beforeAppend?: (streamName: string) => void;

  async appendToStream(
    streamName: string,
    events: EventData | EventData[],
    options: { expectedRevision?: AppendExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.beforeAppend?.(streamName);
    return this.appendNow(streamName, Array.isArray(events) ? events : [events], options.expectedRevision ?? 'any');
  }

  /** The append itself, at once (what another writer does in `beforeAppend`). */
  appendNow(streamName: string, events: EventData[], expected: AppendExpectedRevision): AppendResult {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    const fits = expected === 'any' || (expected === 'stream_exists' ? current !== 'no_stream' : expected === current);
    if (!fits) throw new WrongExpectedVersionError(undefined, { streamName, expected, current });
    const prepares = events.map((event) => {
      const at = this.offset;
      this.offset += 200n + BigInt(JSON.stringify(event.data ?? null).length);
      return at;
    });
    const commit = this.offset;
    this.offset += 50n;
    for (const [i, event] of events.entries()) {
      const stored = {
        streamId: streamName,
        id: event.id,
        revision: BigInt(stream.length),
        type: event.type,
        isJson: true,
        created: new Date(),
        data: JSON.parse(JSON.stringify(event.data)),
        metadata: parseMetadata(event.metadata),
        position: { commit, prepare: prepares[i] },
      } as Stored;
      stream.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamName, stream);
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: { commit, prepare: commit } };
  }

  readStream(streamName: string, options: ReadStreamOptions = {}): AsyncIterable<ResolvedEvent> {
    const stream = this.streams.get(streamName);
    const backwards = options.direction === 'backwards';
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    return (async function* () {
      if (!stream) throw new StreamNotFoundError(undefined, streamName);
      const from = options.fromRevision;
      const ordered = backwards ? [...stream].reverse() : stream;
      const start =
        from === undefined || from === 'start' || from === 'end'
          ? 0
          : ordered.findIndex((e) => (backwards ? e.revision <= from : e.revision >= from));
      if (start < 0) return;
      for (const event of ordered.slice(start, start + max)) yield { event: structuredClone(event) };
    })();
  }

  readAllFiltered(options: FilteredReadOptions): AsyncIterable<AllStreamResolvedEvent> {
    const passing = this.log.filter((e) => options.prefixes.some((prefix) => e.streamId.startsWith(prefix)));
    const from = options.fromPosition;
    let events: Stored[];
    if (options.direction === 'backwards') events = from === 'end' ? [...passing].reverse() : [];
    else if (from === 'start') events = passing;
    else if (from === 'end') events = [];
    else events = passing.filter((e) => before(from, e.position) || same(from, e.position));
    return (async function* () {
      for (const event of events.slice(0, options.maxCount)) yield { event: structuredClone(event) };
    })();
  }

  /** Changes a stored event's data, as no client of a real server can. */
  tamperData(streamName: string, revision: number, data: unknown): void {
    this.streams.get(streamName)![revision].data = data as never;
  }

  async dispose(): Promise<void> {}
}

const before = (a: Position, b: Position) => a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);
const same = (a: Position, b: Position) => a.commit === b.commit && a.prepare === b.prepare;

function parseMetadata(metadata: unknown): unknown {
  if (metadata === undefined) return undefined;
  return metadata instanceof Uint8Array
    ? JSON.parse(Buffer.from(metadata).toString('utf8'))
    : JSON.parse(JSON.stringify(metadata));
}
