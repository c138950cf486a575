import { GENESIS_HASH, eventHash } from './hash-chain';
import {
  LOG_START,
  type EventEnvelope,
  type EventStore,
  type LogCheckpoint,
  type VerifyResult,
} from './event-store.port';

type Broken = NonNullable<VerifyResult['firstBroken']>;

/** Checks one event against the previous one of its stream; returns what is wrong, if anything. */
export function checkLink(
  event: EventEnvelope,
  previous: { version: number; hash: string } | undefined,
): Broken | undefined {
  const expectedVersion = (previous?.version ?? 0) + 1;
  const expectedPrev = previous?.hash ?? GENESIS_HASH;
  const at = { streamId: event.streamId, streamVersion: event.streamVersion };
  if (event.streamVersion !== expectedVersion) {
    return { ...at, reason: `version ${event.streamVersion} follows ${expectedVersion - 1}: an event is missing` };
  }
  if (event.prevHash !== expectedPrev) {
    return { ...at, reason: 'prevHash does not match the previous event' };
  }
  if (eventHash(event.prevHash, event) !== event.hash) {
    return { ...at, reason: 'the stored event does not match its hash' };
  }
  return undefined;
}

/** Verifies the events of one stream, in version order. */
export function verifyStreamEvents(events: EventEnvelope[]): VerifyResult {
  let previous: { version: number; hash: string } | undefined;
  for (const event of events) {
    const broken = checkLink(event, previous);
    if (broken) return { ok: false, streams: 1, events: events.length, firstBroken: broken };
    previous = { version: event.streamVersion, hash: event.hash };
  }
  return { ok: true, streams: events.length > 0 ? 1 : 0, events: events.length };
}

/** The last link of a stream's chain: its version and the hash the next event must name as `prevHash`. */
export interface ChainLink {
  version: number;
  hash: string;
}

export interface LogWalkOptions {
  /** Where to start reading (default: the start of the log). */
  after?: LogCheckpoint;
  /** The streams' links as of `after`; the walk updates them in place. */
  heads?: Map<string, ChainLink>;
  pageSize?: number;
  /** `false` follows the heads without recomputing hashes: counting a log, not verifying it (default `true`). */
  checkLinks?: boolean;
  /** Sees every event with what is wrong with its link, if anything; `false` stops the walk before it counts. */
  visit?: (event: EventEnvelope, broken: Broken | undefined) => boolean | void;
}

export interface LogWalk {
  heads: Map<string, ChainLink>;
  /** Events read, including one the visitor stopped at. */
  events: number;
  /** Global position of the last event taken into `heads`, if any. */
  lastPosition?: number;
}

/**
 * Reads the global log once, page by page, checking each event against the last link of its stream.
 * Between pages it lets the event loop run, so that walking a large log does not stall a server.
 * Works on any adapter.
 */
export async function walkLog(store: Pick<EventStore, 'readAll'>, options: LogWalkOptions = {}): Promise<LogWalk> {
  const walk: LogWalk = { heads: options.heads ?? new Map(), events: 0 };
  let checkpoint = options.after ?? LOG_START;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, limit: options.pageSize ?? 1000 });
    for (const event of page.events) {
      walk.events += 1;
      const broken = options.checkLinks === false ? undefined : checkLink(event, walk.heads.get(event.streamId));
      if (options.visit?.(event, broken) === false) return walk;
      walk.heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
      walk.lastPosition = event.globalPosition;
    }
    checkpoint = page.checkpoint;
    if (page.isEnd) return walk;
    // An empty page short of the end waits for a transaction still running (PostgreSQL): give it time.
    if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Walks the whole global log and reports the first broken link in log order. Works on any adapter. */
export async function verifyWholeLog(store: Pick<EventStore, 'readAll'>, pageSize = 1000): Promise<VerifyResult> {
  let firstBroken: Broken | undefined;
  const walk = await walkLog(store, {
    pageSize,
    visit: (_event, broken) => {
      firstBroken = broken;
      return broken === undefined;
    },
  });
  const counts = { streams: walk.heads.size, events: walk.events };
  return firstBroken ? { ok: false, ...counts, firstBroken } : { ok: true, ...counts };
}
