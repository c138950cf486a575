import { GENESIS_HASH, eventHash } from './hash-chain';
import { LOG_START, type EventEnvelope, type EventStore, type VerifyResult } from './event-store.port';

type Broken = NonNullable<VerifyResult['firstBroken']>;

/** Checks one event against the previous one of its stream; returns what is wrong, if anything. */
export function checkLink(event: EventEnvelope, previous: { version: number; hash: string } | undefined): Broken | undefined {
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

/**
 * Walks the whole global log once, keeping the last link of each stream, and reports the first
 * broken link in log order. Works on any adapter.
 */
export async function verifyWholeLog(store: Pick<EventStore, 'readAll'>, pageSize = 1000): Promise<VerifyResult> {
  const heads = new Map<string, { version: number; hash: string }>();
  let events = 0;
  let checkpoint = LOG_START;
  for (;;) {
    const page = await store.readAll({ after: checkpoint, limit: pageSize });
    for (const event of page.events) {
      events += 1;
      const broken = checkLink(event, heads.get(event.streamId));
      if (broken) return { ok: false, streams: heads.size, events, firstBroken: broken };
      heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    }
    checkpoint = page.checkpoint;
    if (page.isEnd || page.events.length === 0) break;
  }
  return { ok: true, streams: heads.size, events };
}
