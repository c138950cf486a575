import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  SqliteEventStore,
  checkCheckpointDocument,
  collectStreamHeads,
  eventHash,
  parseCheckpointDocument,
  type EventStore,
} from '@ketnap/event-store';
import type { Notification, NotificationSender } from '@ketnap/scheduling';
import { ManualClock } from '../clock/clock';
import { loadConfig, type KetnapConfig } from '../config/config';
import { RequestError } from '../commands/refusals';
import { AuditCheckpoints } from './audit-checkpoints';
import { CheckpointSchedule } from './checkpoint-schedule';

/** A sender that keeps what it was given, as the webhook's receiver would. */
class KeptNotifications implements NotificationSender {
  readonly name = 'kept';
  readonly sent: Notification[] = [];
  async send(notification: Notification) {
    this.sent.push(notification);
    return { id: notification.id, status: 'sent' as const, attempts: 1 };
  }
}

describe('audit checkpoints of a SQLite store', () => {
  let dataDir: string;
  let config: KetnapConfig;
  let store: SqliteEventStore;
  let clock: ManualClock;
  let sender: KeptNotifications;
  let checkpoints: AuditCheckpoints;
  const record = async (streamId: string, n = 1) => {
    for (let i = 0; i < n; i += 1)
      await store.append(streamId, [{ type: 'Recorded', data: { i } }], { expectedVersion: 'any' });
  };
  const later = () => clock.set(new Date(clock.now().getTime() + 60_000));

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ketnap-checkpoints-'));
    config = loadConfig({ KETNAP_DATA_DIR: dataDir });
    store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
    clock = new ManualClock(new Date('2024-03-07T02:00:00.000Z'));
    sender = new KeptNotifications();
    checkpoints = new AuditCheckpoints(store, config, clock, sender);
    await record('dossier-a', 3);
    await record('units', 2);
  });
  afterEach(async () => {
    await checkpoints.onModuleDestroy();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs the log into a private file of <data dir>/checkpoints with a key generated once into the data dir', async () => {
    const taken = await checkpoints.take();
    expect(taken).toEqual({
      id: 'cp-000000000005-20240307T020000000Z',
      format: 'ketnap-checkpoint/1',
      position: 5,
      head: expect.stringMatching(/^[0-9a-f]{64}$/),
      at: '2024-03-07T02:00:00.000Z',
      streamCount: 2,
      signature: expect.any(String),
      publicKey: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n/),
      file: join(dataDir, 'checkpoints', `${taken.id}.json`),
    });
    expect(statSync(join(dataDir, 'checkpoints')).mode & 0o777).toBe(0o700);
    expect(statSync(taken.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'checkpoint-key.pem')).mode & 0o777).toBe(0o600);
    const doc = parseCheckpointDocument(readFileSync(taken.file, 'utf8'));
    expect(doc.streams.map((h) => [h.streamId, h.version])).toEqual([
      ['dossier-a', 3],
      ['units', 2],
    ]);
    expect(() => checkCheckpointDocument(doc, createPublicKey(taken.publicKey))).not.toThrow();
    const again = new AuditCheckpoints(store, config, clock, sender);
    expect(again.signingKeys().publicKeyPem).toBe(taken.publicKey);
    expect(sender.sent).toEqual([]);
  });

  it('reads only the log after its newest checkpoint, and gives what a full walk gives', async () => {
    const first = await checkpoints.take();
    await record('dossier-b', 2);
    await record('dossier-a');
    const reads = jest.spyOn(store, 'readAll');
    later();
    const second = await checkpoints.take();
    expect(reads.mock.calls[0][0]).toMatchObject({ after: String(first.position) });
    const doc = parseCheckpointDocument(readFileSync(second.file, 'utf8'));
    expect({ position: doc.position, streams: doc.streams }).toEqual(await collectStreamHeads(store));
    expect(checkpoints.list(10).map((c) => c.id)).toEqual([second.id, first.id]);
    const { publicKey: _publicKey, ...view } = second;
    expect(checkpoints.list(1)).toEqual([view]);
  });

  it('walks the whole log again when its newest checkpoint is not its own', async () => {
    const first = await checkpoints.take();
    const doc = JSON.parse(readFileSync(first.file, 'utf8'));
    writeFileSync(first.file, JSON.stringify({ ...doc, streams: doc.streams.slice(1), streamCount: 1 }));
    await record('dossier-c');
    const reads = jest.spyOn(store, 'readAll');
    later();
    await checkpoints.take();
    expect(reads.mock.calls[0][0]).toMatchObject({ after: 'start' });
  });

  it('refuses to sign a log that no longer continues its previous checkpoint, though its chain verifies', async () => {
    const taken = await checkpoints.take();
    const [head] = await store.readStream('units', { fromVersion: 2 });
    const forged = { ...head, data: { i: 99 } };
    const db = new Database(join(dataDir, 'ketnap.db'));
    db.exec('DROP TRIGGER events_refuse_update');
    db.prepare('UPDATE events SET data = ?, hash = ? WHERE global_position = ?').run(
      JSON.stringify(forged.data),
      eventHash(head.prevHash, forged),
      head.globalPosition,
    );
    db.close();
    await record('units');
    expect(await store.verify()).toMatchObject({ ok: true });
    later();
    await expect(checkpoints.take()).rejects.toThrow(`the log no longer continues what checkpoint ${taken.id} signed`);
    expect(checkpoints.list(10)).toHaveLength(1);
  });

  it('verifies the store against a checkpoint by id: ok, then naming what was deleted behind its back', async () => {
    const taken = await checkpoints.take();
    await record('dossier-a');
    expect(await checkpoints.verify(taken.id)).toEqual({
      ok: true,
      streams: 2,
      events: 6,
      checkpoint: { id: taken.id, ok: true, findings: [] },
    });
    const db = new Database(join(dataDir, 'ketnap.db'));
    db.exec('DROP TRIGGER events_refuse_delete');
    db.prepare("DELETE FROM events WHERE stream_id = 'units'").run();
    db.close();
    expect(await checkpoints.verify(taken.id)).toMatchObject({
      ok: true,
      checkpoint: { ok: false, findings: [{ streamId: 'units', problem: 'deleted' }] },
    });
    await expect(checkpoints.verify('cp-000000000001-20240307T020000000Z')).rejects.toEqual(expect.any(RequestError));
    await expect(checkpoints.verify('../ketnap')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('reports a checkpoint file altered since it was signed, beside the whole-chain result', async () => {
    const taken = await checkpoints.take();
    const doc = JSON.parse(readFileSync(taken.file, 'utf8'));
    writeFileSync(taken.file, JSON.stringify({ ...doc, position: 4 }));
    expect(await checkpoints.verify(taken.id)).toEqual({
      ok: true,
      streams: 2,
      events: 5,
      checkpoint: { id: taken.id, ok: false, findings: [], error: expect.stringMatching(/signature does not verify/) },
    });
  });

  it('ships each checkpoint whole to the webhook when one is set', async () => {
    checkpoints = new AuditCheckpoints(
      store,
      { ...config, webhookUrl: 'https://audit.example/hook', webhookSecret: 'x'.repeat(16) },
      clock,
      sender,
    );
    const taken = await checkpoints.take();
    await checkpoints.onModuleDestroy();
    expect(sender.sent).toEqual([
      {
        id: `audit-${taken.id}`,
        kind: 'audit-checkpoint',
        message: expect.stringContaining(taken.id),
        document: JSON.parse(readFileSync(taken.file, 'utf8')),
      },
    ]);
  });

  describe('on the worker', () => {
    const schedule = (overrides: Partial<KetnapConfig>, target: EventStore = store) =>
      new CheckpointSchedule({ ...config, ...overrides }, target, checkpoints);

    it('takes one only when the log moved since the newest', async () => {
      const worker = schedule({ worker: true });
      expect(await worker.tick()).toBe(true);
      later();
      expect(await worker.tick()).toBe(false);
      await record('dossier-b');
      expect(await worker.tick()).toBe(true);
      expect(checkpoints.list(10)).toHaveLength(2);
    });

    it('takes them on its interval, and does nothing while the worker or the interval is off', async () => {
      const off = [
        schedule({ worker: false, checkpointIntervalMs: 20 }),
        schedule({ worker: true, checkpointIntervalMs: undefined }),
      ];
      const on = schedule({ worker: true, checkpointIntervalMs: 20 });
      [...off, on].forEach((s) => s.onApplicationBootstrap());
      await new Promise((resolve) => setTimeout(resolve, 150));
      await Promise.all([...off, on].map((s) => s.onModuleDestroy()));
      expect(checkpoints.list(10)).toHaveLength(1);
    });
  });
});
