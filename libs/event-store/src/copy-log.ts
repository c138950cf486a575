import type { EventStore, VerifyResult } from './event-store.port';
import { encodePosition } from './log-position';
import { walkLog } from './verify';

/** Events per page read from the source and imported into the target. */
export const DEFAULT_COPY_BATCH = 2000;

export interface CopyProgress {
  /** The target's head: the last position copied. */
  position: number;
  /** The source's head (it grows when the source is written during the copy). */
  head: number;
  /** Events copied by this run. */
  copied: number;
  eventsPerSecond: number;
  /** Seconds left at the current rate, `null` before the rate is known. */
  etaSeconds: number | null;
}

export interface CopyLogOptions {
  batch?: number;
  /** Called once the target is known to hold the source's first `position` events, before copying on. */
  onResume?: (position: number) => void;
  onProgress?: (progress: CopyProgress) => void;
}

export interface CopyRun {
  /** The target's head when the run began: 0 for a fresh copy, more when it resumed one. */
  resumedAfter: number;
  copied: number;
  /** The target's head when the run ended. */
  position: number;
  seconds: number;
}

/**
 * The target holds events up to its head that are not the source's: copying on would splice two
 * logs. `position` is the target's head.
 */
export class DivergedCopyError extends Error {
  constructor(
    readonly position: number,
    readonly sourceHead: number,
  ) {
    super(
      position > sourceHead
        ? `the target holds ${position} events, the source only ${sourceHead}: it is not a copy of this source`
        : `the target's event at position ${position} is not the source's: it is not a copy of this source`,
    );
    this.name = 'DivergedCopyError';
  }
}

/**
 * Refuses a target whose head is not the source's event at the same position (same id, stream,
 * version and hash). The target is asked by stream, which every adapter answers alike; the source
 * by position, which is the commit order in the stores a deployment moves from (memory, SQLite).
 */
async function checkSamePrefix(source: EventStore, target: EventStore, head: number, sourceHead: number) {
  if (head === 0) return;
  if (head > sourceHead) throw new DivergedCopyError(head, sourceHead);
  const [theirs] = (await source.readAll({ after: encodePosition(head - 1), limit: 1 })).events;
  const [ours] = await target.readStream(theirs.streamId, {
    fromVersion: theirs.streamVersion,
    toVersion: theirs.streamVersion,
  });
  const same =
    ours !== undefined && ours.globalPosition === head && ours.eventId === theirs.eventId && ours.hash === theirs.hash;
  if (!same) throw new DivergedCopyError(head, sourceHead);
}

/**
 * Copies the source's global log into the target page by page with `importEvents`, every field
 * kept. Resumable: it begins after the target's head, once that head is checked to be the source's
 * event at that position, so a copy killed midway and run again ends without duplicates.
 * @throws DivergedCopyError when the target holds events that are not the source's
 */
export async function copyLog(source: EventStore, target: EventStore, options: CopyLogOptions = {}): Promise<CopyRun> {
  const batch = options.batch ?? DEFAULT_COPY_BATCH;
  const started = Date.now();
  const from = await target.headPosition();
  let head = await source.headPosition();
  await checkSamePrefix(source, target, from, head);
  if (from > 0) options.onResume?.(from);
  let position = from;
  let checkpoint = encodePosition(from);
  for (;;) {
    const page = await source.readAll({ after: checkpoint, limit: batch });
    if (page.events.length > 0) {
      await target.importEvents(page.events);
      position = page.events[page.events.length - 1].globalPosition;
      head = Math.max(head, position);
      options.onProgress?.(progressOf(from, position, head, (Date.now() - started) / 1000));
    }
    checkpoint = page.checkpoint;
    if (page.isEnd || page.events.length === 0) break;
  }
  return { resumedAfter: from, copied: position - from, position, seconds: (Date.now() - started) / 1000 };
}

function progressOf(from: number, position: number, head: number, seconds: number): CopyProgress {
  const rate = seconds > 0 ? (position - from) / seconds : 0;
  return {
    position,
    head,
    copied: position - from,
    eventsPerSecond: Math.round(rate),
    etaSeconds: rate > 0 ? Math.max(0, (head - position) / rate) : null,
  };
}

/** A count on which a copy differs from its source. */
export interface CopyDifference {
  what: 'events' | 'streams' | 'head';
  source: number;
  target: number;
}

export interface CopyCheck {
  /** The target's chain verifies and no count differs. */
  ok: boolean;
  source: { events: number; streams: number; head: number };
  target: { events: number; streams: number; head: number };
  /** The target's `verify()`. */
  chain: VerifyResult;
  differences: CopyDifference[];
}

/**
 * Checks a finished copy: the target's whole hash chain, and its event count, stream count and head
 * position against the source's. The source is counted, not verified: a break in its chain is copied
 * with it, and the target's `verify` finds it there.
 */
export async function checkCopy(source: EventStore, target: EventStore): Promise<CopyCheck> {
  const chain = await target.verify();
  const walk = await walkLog(source, { checkLinks: false });
  const s = { events: walk.events, streams: walk.heads.size, head: await source.headPosition() };
  const t = { events: chain.events, streams: chain.streams, head: await target.headPosition() };
  const differences = (['events', 'streams', 'head'] as const)
    .filter((what) => s[what] !== t[what])
    .map((what) => ({ what, source: s[what], target: t[what] }));
  return { ok: chain.ok && differences.length === 0, source: s, target: t, chain, differences };
}
