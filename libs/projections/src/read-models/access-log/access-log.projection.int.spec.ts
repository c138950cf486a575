import { ACCESS_LOG_STREAM, type PersonalRead } from '@ketnap/domain';
import { MemoryEventStore } from '@ketnap/event-store';
import { describeWithService } from '../../../../../test/support/services';
import type { ProjectionDatabase } from '../../runner/projection-database';
import { rebuildProjection } from '../../runner/projection-runner';
import { testProjectionDatabase } from '../../testing/read-model-testing';
import { InvalidCursorError } from '../dossier-list/dossier-list.query';
import { accessLogProjection } from './access-log.projection';
import { AccessLog } from './access-log.query';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const read = (dossierId: string, username: string, at: string): PersonalRead => ({
  dossierId,
  username,
  role: 'secretary',
  at,
  what: 'dossier',
});

function accessLogSpecs(postgresUrl?: string): void {
  let store: MemoryEventStore;
  let pdb: ProjectionDatabase;
  let drop: () => Promise<void>;
  const log = () => new AccessLog(pdb);
  const append = (...reads: PersonalRead[]) =>
    store.append(ACCESS_LOG_STREAM, [{ type: 'PersonalDataRead', schemaVersion: 1, data: { reads } }], {
      expectedVersion: 'any',
    });
  const catchUp = () => rebuildProjection(store, pdb, accessLogProjection());

  beforeEach(async () => {
    store = new MemoryEventStore();
    ({ pdb, drop } = await testProjectionDatabase({ postgresUrl }));
  });
  afterEach(() => drop());

  it("lists a dossier's reads newest first, a page at a time, and every dossier's without a filter", async () => {
    await append(read(A, 'u1', '2024-06-10T01:00:00.000Z'), read(B, 'u2', '2024-06-10T01:00:00.100Z'));
    await store.append('units', [{ type: 'UnitRecorded', schemaVersion: 1, data: {} }], { expectedVersion: 'any' });
    await append(read(A, 'u3', '2024-06-10T01:00:01.000Z'), read(A, 'u4', '2024-06-10T01:00:01.200Z'));
    await catchUp();
    const first = await log().list({ dossierId: A, limit: 2 });
    expect(first.items.map((r) => r.username)).toEqual(['u4', 'u3']);
    expect(first.items[0]).toEqual({ ...read(A, 'u4', '2024-06-10T01:00:01.200Z') });
    const second = await log().list({ dossierId: A, limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [read(A, 'u1', '2024-06-10T01:00:00.000Z')], nextCursor: null });
    expect((await log().list({ limit: 10 })).items.map((r) => r.username)).toEqual(['u4', 'u3', 'u2', 'u1']);
    expect(await log().list({ dossierId: '00000000-0000-4000-8000-00000000000c', limit: 10 })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('refuses a cursor it did not hand out', async () => {
    await catchUp();
    await expect(log().list({ limit: 10, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(InvalidCursorError);
  });
}

describe('the access log read model on SQLite', () => accessLogSpecs());

describeWithService('postgres', 'the access log read model on PostgreSQL', (url) => accessLogSpecs(url));
