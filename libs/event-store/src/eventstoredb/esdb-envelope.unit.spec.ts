import type { JSONEventData, Position, RecordedEvent } from '@eventstore/db-client';
import { sealEvents, toEnvelope } from '../envelope';
import type { EventEnvelope } from '../event-store.port';
import { GENESIS_HASH } from '../hash-chain';
import { verifyStreamEvents } from '../verify';
import { chainLinkOf, fromEsdbEvent, toEsdbEvent } from './esdb-envelope';
import { EventStoreDbError } from './esdb-errors';
import { streamNameOf } from './esdb-names';

const PREFIX = 'ketnap_t1';
const actor = { sub: 'u1', role: 'office', unitIds: ['dong-tien'] };

/** Sealed as every adapter seals: keys a JavaScript object reorders, Vietnamese text, full metadata. */
function sealed(): EventEnvelope[] {
  return sealEvents(
    'dossier-1',
    [
      { type: 'DossierOpened', data: { '10': 'x', '9': 'y', b: [1, { z: 1, a: 2 }] } },
      {
        type: 'CandidateNominated',
        eventId: 'dossier-1_nominated',
        schemaVersion: 2,
        data: { fullName: 'Nguyễn Thị Hồng Nhung', note: 'Đảng ủy xã Đồng Tiến'.normalize('NFD') },
        metadata: { actor, occurredOn: '2024-03-05', ruleSet: 'qd24-2021', correlationId: 'c1', causationId: 'c0' },
      },
      { type: 'Noted', data: null },
    ],
    { version: 0, hash: GENESIS_HASH },
    '2024-03-07T02:00:00.000Z',
    'cmd-1',
  ).map((event) => toEnvelope(event, 0));
}

/**
 * What EventStoreDB hands back after client 6 appended the event: the data written out with
 * `JSON.stringify` and parsed on the way back, the metadata bytes parsed as JSON.
 */
function storedAndRead(event: JSONEventData, revision: bigint, position?: Position): RecordedEvent {
  return {
    streamId: streamNameOf(PREFIX, 'dossier-1'),
    id: event.id,
    revision,
    type: event.type,
    isJson: true,
    created: new Date(),
    data: JSON.parse(JSON.stringify(event.data)),
    metadata: JSON.parse(Buffer.from(event.metadata as Uint8Array).toString('utf8')),
    position,
  } as RecordedEvent;
}

const roundTrip = (events: EventEnvelope[]) =>
  events.map((event, i) =>
    fromEsdbEvent(PREFIX, storedAndRead(toEsdbEvent(event), BigInt(i), { commit: 1000n, prepare: 900n + BigInt(i) })),
  );

describe('a ketnap envelope as an EventStoreDB event', () => {
  it('writes JSON data and the envelope fields in the metadata, under a UUID event id', () => {
    const events = sealed();
    const [first, second] = events.map(toEsdbEvent);
    expect(first).toMatchObject({ contentType: 'application/json', type: 'DossierOpened', id: events[0].eventId });
    expect(first.data).toEqual({ '10': 'x', '9': 'y', b: [1, { z: 1, a: 2 }] });
    expect(second.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.metadata).toBeInstanceOf(Uint8Array);
    expect(second.metadata?.constructor).toBe(Uint8Array);
    const metadata = Buffer.from(second.metadata as Uint8Array).toString('utf8');
    expect(JSON.parse(metadata)).toEqual({
      eventId: 'dossier-1_nominated',
      schemaVersion: 2,
      prevHash: events[0].hash,
      hash: events[1].hash,
      metadata: {
        actor,
        occurredOn: '2024-03-05',
        ruleSet: 'qd24-2021',
        correlationId: 'c1',
        causationId: 'c0',
        recordedAt: '2024-03-07T02:00:00.000Z',
        commandId: 'cmd-1',
      },
    });
    expect(metadata.indexOf('"eventId"')).toBeLessThan(metadata.indexOf('"hash"'));
  });

  it('reads back the whole envelope, the hash chain verifying as sealed', () => {
    const events = sealed();
    const read = roundTrip(events);
    expect(read).toEqual(events.map((event, i) => ({ ...event, globalPosition: 901 + i })));
    expect(read[1].data).toEqual({ fullName: 'Nguyễn Thị Hồng Nhung', note: 'Đảng ủy xã Đồng Tiến'.normalize('NFD') });
    expect(verifyStreamEvents(read)).toEqual({ ok: true, streams: 1, events: 3 });
    expect(chainLinkOf(storedAndRead(toEsdbEvent(events[2]), 2n))).toEqual({ version: 3, hash: events[2].hash });
  });

  it('shows a changed byte of the data as a broken link at that version', () => {
    const events = sealed().map(toEsdbEvent);
    const read = events.map((event, i) => storedAndRead(event, BigInt(i), { commit: 1n, prepare: BigInt(i) }));
    (read[1].data as { fullName: string }).fullName = 'Nguyễn Thị Hồng Nhunh';
    const envelopes = read.map((event) => fromEsdbEvent(PREFIX, event));
    expect(verifyStreamEvents(envelopes)).toMatchObject({
      ok: false,
      firstBroken: { streamId: 'dossier-1', streamVersion: 2, reason: 'the stored event does not match its hash' },
    });
  });

  it('reads an event ketnap did not write, or whose metadata is unreadable, as a broken link rather than failing', () => {
    const foreign = {
      ...storedAndRead(toEsdbEvent(sealed()[0]), 0n, { commit: 5n, prepare: 5n }),
      metadata: new Uint8Array([1, 2, 3]),
    } as RecordedEvent;
    const envelope = fromEsdbEvent(PREFIX, foreign);
    expect(envelope).toMatchObject({
      eventId: foreign.id,
      streamId: 'dossier-1',
      streamVersion: 1,
      hash: '',
      prevHash: '',
    });
    expect(verifyStreamEvents([envelope]).ok).toBe(false);
  });

  it('needs the log position a stream read carries from EventStoreDB 22.10 on', () => {
    const old = storedAndRead(toEsdbEvent(sealed()[0]), 0n);
    expect(() => fromEsdbEvent(PREFIX, old)).toThrow(EventStoreDbError);
    expect(() => fromEsdbEvent(PREFIX, old)).toThrow(/22\.10 or newer/);
  });
});
