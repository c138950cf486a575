import { generateKeyPairSync } from 'node:crypto';
import { TamperedLog } from '../testing/tampered-log';
import { CheckpointDocumentError } from './checkpoint-document';
import { sealCheckpoint } from './checkpoint-signature';
import { collectStreamHeads } from './stream-heads';
import { verifyAgainstCheckpoint } from './verify-against-checkpoint';

const keys = generateKeyPairSync('ed25519');

/** Three dossiers and the units stream, a checkpoint over them, then more events appended after it. */
async function checkpointed() {
  const log = await TamperedLog.record([
    ['dossier-a', 3],
    ['dossier-b', 2],
    ['units', 2],
    ['dossier-c', 2],
  ]);
  const doc = sealCheckpoint(
    { id: 'cp-1', at: '2024-03-07T02:00:00.000Z', ...(await collectStreamHeads(log)) },
    keys.privateKey,
  );
  log.append('dossier-a', { after: 1 });
  log.append('dossier-new', { after: 2 });
  return { log, doc, verify: () => verifyAgainstCheckpoint(log, doc, keys.publicKey) };
}

describe('verifying the store against a signed checkpoint', () => {
  it('passes an untouched store, with events and streams appended after the checkpoint', async () => {
    const { verify } = await checkpointed();
    expect(await verify()).toEqual({
      chain: { ok: true, streams: 5, events: 11 },
      checkpoint: { id: 'cp-1', ok: true, findings: [] },
    });
  });

  it('names a stream whose event was edited and whose whole chain was computed again: `changed`', async () => {
    const { log, verify } = await checkpointed();
    log.edit('dossier-a', 2, { forged: true }, { rechain: true });
    const { chain, checkpoint } = await verify();
    expect(chain.ok).toBe(true);
    expect(checkpoint).toEqual({
      id: 'cp-1',
      ok: false,
      findings: [
        {
          streamId: 'dossier-a',
          problem: 'changed',
          version: 3,
          reason: expect.stringMatching(/not the ones the checkpoint signed/),
        },
      ],
    });
  });

  it('names the first broken event of a stream edited in place: `changed` at that version', async () => {
    const { log, verify } = await checkpointed();
    log.edit('dossier-b', 1, { forged: true }, { rechain: false });
    const { chain, checkpoint } = await verify();
    expect(chain).toMatchObject({ ok: false, firstBroken: { streamId: 'dossier-b', streamVersion: 1 } });
    expect(checkpoint.findings).toEqual([
      { streamId: 'dossier-b', problem: 'changed', version: 1, reason: 'the stored event does not match its hash' },
    ]);
  });

  it('names a stream that lost its last events: `truncated`, with the version the checkpoint signed', async () => {
    const { log, verify } = await checkpointed();
    log.remove((e) => e.streamId === 'dossier-c' && e.streamVersion === 2);
    const { chain, checkpoint } = await verify();
    expect(chain.ok).toBe(true);
    expect(checkpoint.findings).toEqual([
      { streamId: 'dossier-c', problem: 'truncated', version: 2, reason: expect.stringMatching(/ends at version 1/) },
    ]);
  });

  it('names a stream that is gone: `deleted`', async () => {
    const { log, verify } = await checkpointed();
    log.remove((e) => e.streamId === 'dossier-b');
    const { chain, checkpoint } = await verify();
    expect(chain.ok).toBe(true);
    expect(checkpoint.findings).toEqual([{ streamId: 'dossier-b', problem: 'deleted', reason: expect.any(String) }]);
  });

  it('names a stream slipped in at or before the checkpoint position (`added`), and one grown into the signed past', async () => {
    const log = await TamperedLog.record([
      ['dossier-a', 2],
      ['dossier-b', 2],
    ]);
    for (const event of log.events) event.globalPosition *= 10; // rows 10, 20, …: free positions between them
    const doc = sealCheckpoint(
      { id: 'cp-2', at: '2024-03-07T02:00:00.000Z', ...(await collectStreamHeads(log)) },
      keys.privateKey,
    );
    log.append('dossier-forged', { backdated: true }, 15);
    log.append('dossier-a', { backdated: true }, 25);
    const { chain, checkpoint } = await verifyAgainstCheckpoint(log, doc, keys.publicKey);
    expect(chain.ok).toBe(true);
    expect(checkpoint.findings).toEqual([
      {
        streamId: 'dossier-a',
        problem: 'changed',
        version: 3,
        reason: 'version 3 sits at or before position 40, where the checkpoint signed version 2',
      },
      {
        streamId: 'dossier-forged',
        problem: 'added',
        version: 1,
        reason: expect.stringMatching(/at or before position 40, which the checkpoint does not list/),
      },
    ]);
  });

  it('names every stream at once, in stream order', async () => {
    const { log, verify } = await checkpointed();
    log.edit('dossier-a', 1, { forged: true }, { rechain: true });
    log.remove((e) => e.streamId === 'dossier-b' && e.streamVersion === 2);
    log.remove((e) => e.streamId === 'dossier-c');
    const { checkpoint } = await verify();
    expect(checkpoint.findings.map((f) => [f.streamId, f.problem])).toEqual([
      ['dossier-a', 'changed'],
      ['dossier-b', 'truncated'],
      ['dossier-c', 'deleted'],
    ]);
  });

  it('refuses a checkpoint that was altered or a public key that is not the signer', async () => {
    const { log, doc } = await checkpointed();
    const forged = {
      ...doc,
      streams: doc.streams.filter((h) => h.streamId !== 'dossier-b'),
      streamCount: doc.streamCount - 1,
    };
    await expect(verifyAgainstCheckpoint(log, forged, keys.publicKey)).rejects.toThrow(CheckpointDocumentError);
    await expect(verifyAgainstCheckpoint(log, doc, generateKeyPairSync('ed25519').publicKey)).rejects.toThrow(
      /signature does not verify/,
    );
  });
});
