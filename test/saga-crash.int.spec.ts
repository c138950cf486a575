import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SqliteEventStore } from '@ketnap/event-store';
import { calendar } from '@ketnap/domain/testing';
import { DeadlineSaga } from '@ketnap/engine';
import { type DeadlineHarness, dossierIdOf, stepsThrough, writeDossier } from '@ketnap/engine/testing';
import { countByKey, forEachScheduler, sagaSuite, wholeLog } from './support/saga-support';

const root = join(__dirname, '..');
const fixture = join(root, 'libs/engine/src/testing/saga-worker.fixture.ts');
const KEY_DUE = '2024-06-04';

/** Runs the fixture until it prints `paused timer …`, then kills it with SIGKILL. Resolves with what it printed. */
function killMidTimer(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), fixture], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/paused timer /.test(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && /paused timer /.test(output)) resolve(output);
      else reject(new Error(`the worker ended (${code ?? signal}) without pausing in a timer:\n${output}`));
    });
  });
}

forEachScheduler('a worker killed with SIGKILL while handling a due timer', (setup) => {
  let h: DeadlineHarness | undefined;
  const suite = sagaSuite(setup);
  const id = dossierIdOf(1, 10);
  const key = `${id}_admission-decision_${KEY_DUE}`;

  it('leaves, after a restart, exactly one breach event and one inspection case', async () => {
    h = await suite.start('2024-05-02T02:00:00Z');
    await writeDossier(h.store, calendar, id, stepsThrough('RecordCommitteeResolution'), h.clock.now());
    await h.settle();
    expect(await h.scheduler.get(key)).toMatchObject({ state: 'armed' });
    await h.close();
    h = undefined;

    const output = await killMidTimer({
      KETNAP_DATA_DIR: suite.dir,
      KETNAP_START_AT: '2024-06-10T02:00:00Z',
      ...(setup.redisUrl && { REDIS_URL: setup.redisUrl, KETNAP_REDIS_PREFIX: suite.prefix }),
    });
    expect(output).toContain(`paused timer ${id}`);

    const store = new SqliteEventStore({ path: join(suite.dir, 'ketnap.db') });
    const killed = await wholeLog(store);
    await store.close();
    expect(countByKey(killed, 'DeadlineBreached')).toEqual(new Map([[key, 1]]));
    expect(countByKey(killed, 'InspectionCaseOpened').size).toBe(0);

    h = await suite.start('2024-06-10T02:05:00Z');
    await h.settle();
    await h.sweep.run('all');
    await h.app.get(DeadlineSaga).reconcile(id, 'timer');
    await h.settle();
    const log = await wholeLog(h.store);
    expect(countByKey(log, 'DeadlineBreached')).toEqual(new Map([[key, 1]]));
    expect(countByKey(log, 'InspectionCaseOpened')).toEqual(new Map([[key, 1]]));
  }, 120_000);
});
