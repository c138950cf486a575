import { GENESIS_HASH, canonicalJson, eventHash } from './hash-chain';
import { sealEvents } from './envelope';
import type { NewEvent } from './event-store.port';

const AT = '2026-01-05T01:00:00.000Z';

describe('sealEvents', () => {
  it('writes each event its own metadata, whether the events share one object, equal ones or different ones', () => {
    const actor = { sub: 'office-1', role: 'office', unitIds: ['dang-uy-dong-tien'] };
    const shared = { actor, occurredOn: '2024-03-07' };
    const events: NewEvent[] = [
      { type: 'A', data: { n: 1 }, metadata: shared },
      { type: 'B', data: { n: 2 }, metadata: shared },
      { type: 'C', data: { n: 3 }, metadata: { actor, occurredOn: '2024-03-07' } },
      { type: 'D', data: { n: 4 }, metadata: { actor, occurredOn: '2024-03-08' } },
      { type: 'E', data: { n: 5 }, metadata: { actor: { ...actor }, occurredOn: '2024-03-08', ruleSet: 'qd24-2021' } },
      { type: 'F', data: { n: 6 } },
    ];
    const sealed = sealEvents('s-1', events, { version: 0, hash: GENESIS_HASH }, AT, 'c-1');
    sealed.forEach((s, i) => {
      expect(s.metadataJson).toBe(canonicalJson({ ...events[i].metadata, recordedAt: AT, commandId: 'c-1' }));
      const prevHash = i === 0 ? GENESIS_HASH : sealed[i - 1].hash;
      expect(s.prevHash).toBe(prevHash);
      expect(s.hash).toBe(eventHash(prevHash, { ...s, data: events[i].data, metadata: JSON.parse(s.metadataJson) }));
    });
    expect(new Set(sealed.map((s) => s.metadataJson)).size).toBe(4);
  });
});
