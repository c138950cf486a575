import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachSqlDialect, openPostgresTestSql, type TestSql } from '../../../../test/support/sql-dialects';
import { describeWithService } from '../../../../test/support/services';
import { SqliteSql } from '../sql/sqlite.sql';
import { masterKeyOf, newMasterKeyText, wrappingKeyId } from './personal-cipher';
import { PersonalKeyTable } from './personal-key-table';
import { PersonalKeyring } from './personal-keyring';

const personal = { fullName: 'Nguyễn Văn Đức', birthDate: '1998-04-12' };

forEachSqlDialect('PersonalKeyring', (open) => {
  // 1,203 keys made and rewrapped one by one: seconds on a busy PostgreSQL
  jest.setTimeout(60_000);
  let db: TestSql;
  let table: PersonalKeyTable;
  const master = masterKeyOf(newMasterKeyText());
  beforeEach(async () => {
    db = await open();
    table = await PersonalKeyTable.open(db.sql);
  });
  afterEach(() => db.drop());

  it("makes a subject's key once, even when two processes ask at once, and keeps only its wrapped form", async () => {
    const [a, b] = [new PersonalKeyring(table, { master }), new PersonalKeyring(table, { master })];
    const [keyA, keyB] = await Promise.all([a.keyFor('dossier-1'), b.keyFor('dossier-1')]);
    expect(keyA!.equals(keyB!)).toBe(true);
    const [record] = await table.page(null, 10);
    expect(record).toMatchObject({ subjectId: 'dossier-1', destroyedAt: null });
    expect(wrappingKeyId(record.wrapped!)).toBe(master.id);
    expect(record.wrapped).not.toContain(keyA!.toString('base64'));
    const sealed = await a.seal('dossier-1', personal);
    expect(await new PersonalKeyring(table, { master }).openSealed('dossier-1', sealed!)).toEqual(personal);
  });

  it('destroys a key for good: what it sealed opens to null, in this process and in a fresh one, and no new key is made', async () => {
    const keyring = new PersonalKeyring(table, { master });
    const sealed = (await keyring.seal('dossier-1', personal))!;
    await keyring.seal('dossier-2', personal);
    expect(await keyring.destroy('dossier-1')).toBe(true);
    expect(await keyring.destroy('dossier-1')).toBe(false);
    expect(await keyring.openSealed('dossier-1', sealed)).toBeNull();
    const fresh = new PersonalKeyring(table, { master });
    expect(await fresh.openSealed('dossier-1', sealed)).toBeNull();
    expect(await fresh.keyFor('dossier-1')).toBeNull();
    expect(await fresh.seal('dossier-1', personal)).toBeNull();
    expect((await table.find(['dossier-1', 'dossier-2', 'dossier-3'])).get('dossier-1')).toMatchObject({
      wrapped: null,
      destroyedAt: expect.any(String),
    });
    expect((await fresh.keysOf(['dossier-2', 'dossier-3'])).size).toBe(1);
  });

  it('rotates the master key: every live key rewrapped, the events untouched, the old master key no longer needed', async () => {
    const old = new PersonalKeyring(table, { master });
    const sealed = new Map<string, string>();
    for (let i = 0; i < 1203; i += 1) sealed.set(`dossier-${i}`, (await old.seal(`dossier-${i}`, { i }))!);
    await old.destroy('dossier-7');
    const next = masterKeyOf(newMasterKeyText());
    const rotating = new PersonalKeyring(table, { master: next, previous: master });
    const progress: number[] = [];
    expect(await rotating.rotate(({ seen }) => progress.push(seen))).toEqual({ seen: 1203, rewrapped: 1202 });
    expect(progress).toEqual([500, 1000, 1203]);
    expect(await rotating.rotate()).toEqual({ seen: 1203, rewrapped: 0 });
    const after = new PersonalKeyring(table, { master: next });
    expect(await after.openSealed('dossier-1202', sealed.get('dossier-1202')!)).toEqual({ i: 1202 });
    expect(await after.openSealed('dossier-7', sealed.get('dossier-7')!)).toBeNull();
    await expect(
      new PersonalKeyring(table, { master }).openSealed('dossier-1', sealed.get('dossier-1')!),
    ).rejects.toThrow(/not configured/);
  });

  it('imports the records of another table: keys it lacks, and destructions even of keys it holds', async () => {
    const other = await open();
    try {
      const source = await PersonalKeyTable.open(other.sql);
      const sourceRing = new PersonalKeyring(source, { master });
      const sealed = (await sourceRing.seal('moved', personal))!;
      await sourceRing.seal('erased-later', personal);
      await table.importRecords(await source.page(null, 100));
      await sourceRing.destroy('erased-later');
      await table.importRecords(await source.page(null, 100));
      const target = new PersonalKeyring(table, { master });
      expect(await target.openSealed('moved', sealed)).toEqual(personal);
      expect(await target.keyFor('erased-later')).toBeNull();
    } finally {
      await other.drop();
    }
  });
});

describe('PersonalKeyTable on SQLite', () => {
  it('leaves no trace of a destroyed wrapped key in the database file or its write-ahead log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ketnap-keys-'));
    const sql = new SqliteSql(join(dir, 'keys.db'));
    try {
      const table = await PersonalKeyTable.open(sql);
      const keyring = new PersonalKeyring(table, { master: masterKeyOf(newMasterKeyText()) });
      await keyring.keyFor('kept');
      await keyring.keyFor('erased');
      const records = await table.find(['kept', 'erased']);
      const bytes = () =>
        readdirSync(dir)
          .map((f) => readFileSync(join(dir, f)).toString('latin1'))
          .join('');
      const wrappedOf = (id: string) => records.get(id)!.wrapped!;
      expect(bytes()).toContain(wrappedOf('erased'));
      await keyring.destroy('erased');
      expect(bytes()).not.toContain(wrappedOf('erased'));
      expect(bytes()).toContain(wrappedOf('kept'));
    } finally {
      await sql.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeWithService('postgres', 'a destroyed key in PostgreSQL', (url) => {
  it("leaves no version of its row in the table's pages (pageinspect reads them raw)", async () => {
    const db = await openPostgresTestSql(url);
    try {
      await db.sql.exec('CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public');
      const table = await PersonalKeyTable.open(db.sql, { vacuumWaitMs: 60_000 });
      const keyring = new PersonalKeyring(table, { master: masterKeyOf(newMasterKeyText()) });
      await keyring.keyFor('kept');
      await keyring.keyFor('erased');
      const records = await table.find(['kept', 'erased']);
      // every tuple of every page, dead versions included, as bytes
      const pages = async () => {
        const { n } = (await db.sql.get<{ n: number }>(
          "SELECT pg_relation_size('personal_keys') / current_setting('block_size')::int AS n",
        ))!;
        const tuples: string[] = [];
        for (let page = 0; page < n; page += 1) {
          const rows = await db.sql.all<{ t: string | null }>(
            "SELECT encode(t_data, 'escape') AS t FROM public.heap_page_items(public.get_raw_page('personal_keys', ?))",
            [page],
          );
          tuples.push(...rows.map((r) => r.t ?? ''));
        }
        return tuples.join('\n');
      };
      const filenode = async () =>
        (await db.sql.get<{ f: string }>("SELECT pg_relation_filenode('personal_keys')::text AS f"))!.f;
      const rewrittenFrom = await filenode();
      expect(await pages()).toContain(records.get('erased')!.wrapped!);
      await keyring.destroy('erased');
      // the destruction wrote the table anew (VACUUM FULL), once no session could see the old row
      expect(await filenode()).not.toBe(rewrittenFrom);
      expect(await pages()).not.toContain(records.get('erased')!.wrapped!);
      expect(await pages()).toContain(records.get('kept')!.wrapped!);
    } finally {
      await db.drop();
    }
  }, 90_000);

  /** A transaction begun now on a connection of its own, held until `release()`. */
  async function heldTransaction(): Promise<{ release: () => Promise<void> }> {
    const other = await openPostgresTestSql(url);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let begun!: () => void;
    const hasBegun = new Promise<void>((resolve) => (begun = resolve));
    const ended = other.sql
      .transaction(async (tx) => {
        await tx.get('SELECT txid_current()');
        begun();
        await released;
      })
      .finally(() => other.drop());
    await hasBegun;
    return {
      release: async () => {
        release();
        await ended;
      },
    };
  }

  it('waits, before its vacuum, for a transaction begun before the destruction to end', async () => {
    const db = await openPostgresTestSql(url);
    try {
      const keyring = new PersonalKeyring(await PersonalKeyTable.open(db.sql), {
        master: masterKeyOf(newMasterKeyText()),
      });
      await keyring.keyFor('erased');
      const holder = await heldTransaction();
      let releasedAt: number | undefined;
      const releasing = new Promise((resolve) => setTimeout(resolve, 500)).then(() => {
        releasedAt = Date.now();
        return holder.release();
      });
      expect(await keyring.destroy('erased')).toBe(true);
      expect(releasedAt).toBeDefined();
      await releasing;
    } finally {
      await db.drop();
    }
  }, 30_000);

  it('vacuums anyway once vacuumWaitMs is past: the key is destroyed, its old version left to a later vacuum', async () => {
    const db = await openPostgresTestSql(url);
    const holder = await heldTransaction();
    try {
      const table = await PersonalKeyTable.open(db.sql, { vacuumWaitMs: 300 });
      const keyring = new PersonalKeyring(table, { master: masterKeyOf(newMasterKeyText()) });
      await keyring.keyFor('erased');
      expect(await keyring.destroy('erased')).toBe(true);
      expect((await table.find(['erased'])).get('erased')).toMatchObject({ wrapped: null });
    } finally {
      await holder.release();
      await db.drop();
    }
  }, 30_000);
});
