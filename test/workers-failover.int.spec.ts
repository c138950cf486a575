import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { calendar } from '@ketnap/domain/testing';
import { dossierIdOf, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { PostgresEventStore, newMasterKeyText } from '@ketnap/event-store';
import { startWorker, type MainProcess } from './support/app-process';
import { engineContext } from './support/engine-context';
import { countByKey, removeDir, tempDir, wholeLog } from './support/saga-support';
import { describeWithService, dropRedisPrefix } from './support/services';
import { Observer, SAGA, expectReadModelsEqualRebuild, overdueObligations, until } from './support/workers';

const MASTER_KEY = newMasterKeyText();

/**
 * Issue 16's scaling-out acceptance: two worker processes (apps/worker) share one PostgreSQL
 * database and one Redis; the one handling the log is killed with SIGKILL in the middle of its work
 * on 500 dossiers whose admission decisions are overdue. The other takes its leases over once they
 * expire and finishes: each breach and each inspection case is in the log once, and every read model
 * equals a fresh rebuild of it from the log.
 */

const DOSSIERS = 500;
/** The dossiers are written on this day; the workers' manual clock starts when every decision (due 2024-06-04) is late. */
const WRITTEN_AT = new Date('2024-05-02T02:00:00Z');
const WORKERS_START_AT = '2024-06-10T02:00:00Z';
const ids = Array.from({ length: DOSSIERS }, (_, n) => dossierIdOf(n + 1, 16));
const seconds = (ms: number) => Math.round(ms / 100) / 10;

describeWithService('postgres', 'two workers on PostgreSQL and Redis', (postgresUrl) => {
  describeWithService('redis', 'the active one killed with SIGKILL in the middle of a page', (redisUrl) => {
    const database = `ketnap_failover_${randomUUID().slice(0, 8)}`;
    const prefix = `ketnap-failover-${process.pid}-${randomUUID().slice(0, 8)}`;
    const databaseUrl = (() => {
      const u = new URL(postgresUrl);
      u.pathname = `/${database}`;
      return u.toString();
    })();
    const dirs: string[] = [];
    const workers: MainProcess[] = [];
    let admin: Client;
    let db: Client;
    let store: PostgresEventStore;

    beforeAll(async () => {
      admin = new Client({ connectionString: postgresUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${database}`);
      db = new Client({ connectionString: databaseUrl });
      await db.connect();
      store = new PostgresEventStore({ connectionString: databaseUrl });
    });

    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop('SIGKILL')));
      await store?.close();
      await db?.end();
      await admin?.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin?.end();
      await dropRedisPrefix(redisUrl, prefix);
      dirs.forEach(removeDir);
    });

    /**
     * The environment of a worker process (each with a data folder of its own, as on separate hosts,
     * so the master key that wraps the personal-data keys is given, the same to all).
     */
    const workerEnv = (): Record<string, string> => {
      const dir = tempDir();
      dirs.push(dir);
      return {
        KETNAP_DATA_DIR: dir,
        KETNAP_MASTER_KEY: MASTER_KEY,
        KETNAP_EVENT_STORE: 'postgres',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        KETNAP_REDIS_PREFIX: prefix,
        KETNAP_CLOCK: 'manual',
        KETNAP_START_AT: WORKERS_START_AT,
        KETNAP_LOG_FORMAT: 'json',
      };
    };

    it('leaves each breach and each case once, and read models equal to a rebuild, after a takeover', async () => {
      for (let next = 0; next < ids.length; next += 25)
        await Promise.all(
          ids
            .slice(next, next + 25)
            .map((id) => writeDossier(store, calendar, id, stepsThrough('RecordCommitteeResolution'), WRITTEN_AT)),
        );
      const written = await store.headPosition();
      const overdue = overdueObligations(await wholeLog(store), new Date(WORKERS_START_AT));
      expect(new Set([...overdue].map((key) => key.slice(0, 36)))).toEqual(new Set(ids));

      const started = await Promise.all([startWorker(workerEnv()), startWorker(workerEnv())]);
      workers.push(...started);
      const observer = new Observer(db);

      // The active worker: the one handling the saga's log, caught while its checkpoint is past the start and short of the head.
      const { victimPid, held, positionsAtKill, headAtKill } = await until('the saga to be half-way', async () => {
        const holders = await observer.holders();
        const positions = await observer.positions();
        const head = await store.headPosition();
        const at = positions.get(SAGA) ?? 0;
        const pid = holders.get(SAGA);
        if (pid === undefined || at === 0 || at >= written) return undefined;
        const victim = started.find((w) => w.child.pid === pid)!;
        victim.child.kill('SIGKILL');
        return {
          victimPid: pid,
          held: [...holders].filter(([, p]) => p === pid).map(([name]) => name),
          positionsAtKill: positions,
          headAtKill: head,
        };
      });
      const killedAt = Date.now();
      const [victim] = started.filter((w) => w.child.pid === victimPid);
      const [survivor] = started.filter((w) => w.child.pid !== victimPid);
      expect(await victim.stop()).toBeNull();
      expect(held).toContain(SAGA);

      // The survivor takes over each lease the victim held once it expires. A rebuild's lease is work only
      // while its generation is still being built: one the victim held after its rebuild had swapped in
      // is left to expire (the survivor may take it and let it go between two looks, or never need it).
      const handOver = new Map<string, number>();
      await until('the survivor to hold every lease', async () => {
        const holders = await observer.holders();
        const building = await observer.building();
        for (const name of held)
          if (!handOver.has(name) && holders.get(name) === survivor.child.pid)
            handOver.set(name, Date.now() - killedAt);
        const work = held.filter((name) => !name.endsWith('#rebuild') || building.has(name));
        return work.every((name) => handOver.has(name)) ? true : undefined;
      });

      // …and reaches the head, every due breach and case appended.
      const engine = await engineContext(workerEnv());
      const projections = engine.projections;
      await engine.close();
      const consumers = [SAGA, ...projections.map((p) => `projection:${p.name}`)];
      const reachedHeadAfter = await until('the survivor to reach the head with every breach and case', async () => {
        const head = await store.headPosition();
        const positions = await observer.positions();
        if (!consumers.every((c) => positions.get(c) === head)) return undefined;
        const cases = await db.query<{ n: string }>(
          "SELECT COUNT(*) AS n FROM ketnap.events WHERE type = 'InspectionCaseOpened'",
        );
        return Number(cases.rows[0].n) >= overdue.size ? Date.now() - killedAt : undefined;
      });
      // Settled: the sweep and the timers find nothing more to do.
      const head = await store.headPosition();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(await store.headPosition()).toBe(head);
      expect(await survivor.stop()).toBe(0);

      const log = await wholeLog(store);
      const breaches = countByKey(log, 'DeadlineBreached');
      const cases = countByKey(log, 'InspectionCaseOpened');
      const once = new Map([...overdue].map((key) => [key, 1]));
      expect(breaches).toEqual(once);
      expect(cases).toEqual(once);
      const caseStreams = new Set(log.filter((e) => e.type === 'InspectionCaseOpened').map((e) => e.streamId));
      expect(caseStreams.size).toBe(once.size);

      const liveRows = await expectReadModelsEqualRebuild(store, databaseUrl, projections);
      expect(liveRows['inspection-cases'].cases.map((c) => (c as { case_id: string }).case_id).sort()).toEqual(
        [...once.keys()].sort(),
      );

      process.stdout.write(
        `failover: ${DOSSIERS} dossiers, ${overdue.size} overdue obligations, ${written} events written, head ${head}; killed pid ${victimPid} ` +
          `(holding ${held.join(', ')}) with the saga at ${positionsAtKill.get(SAGA)} of ${headAtKill} ` +
          `(read models at ${[...positionsAtKill]
            .filter(([name]) => name !== SAGA)
            .map(([name, at]) => `${name} ${at}`)
            .join(', ')}); ` +
          `hand-over ${[...handOver].map(([name, ms]) => `${name} ${seconds(ms)} s`).join(', ')}; ` +
          `head reached ${seconds(reachedHeadAfter)} s after the kill\n`,
      );
    }, 180_000);
  });
});
