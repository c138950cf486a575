import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Deliveries, eventually } from '../testing/timer-testing';
import { EmbeddedTimerScheduler } from './embedded.timer-scheduler';

const root = join(__dirname, '..', '..', '..', '..');
const fixture = join(__dirname, 'fixtures', 'timer-worker.ts');

function worker(args: string[]): {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: string | null }>;
} {
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/register-ts.js'), fixture, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (stderr) lines.push(`stderr: ${stderr}`);
      resolve({ code, signal });
    }),
  );
  return { child, lines, exited };
}

describe('EmbeddedTimerScheduler across processes', () => {
  let dir: string;
  let path: string;
  let scheduler: EmbeddedTimerScheduler;
  const ids = Array.from({ length: 12 }, (_, i) => `dossier-${i}_admission-decision_2024-06-04`);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ketnap-timer-crash-'));
    path = join(dir, 'ketnap.db');
    scheduler = new EmbeddedTimerScheduler({ path, pollIntervalMs: 10, leaseMs: 600 });
    scheduler.db.exec('CREATE TABLE effects (timer_id TEXT PRIMARY KEY, pid INTEGER NOT NULL)');
    scheduler.db.exec('CREATE TABLE deliveries (n INTEGER PRIMARY KEY, timer_id TEXT NOT NULL, pid INTEGER NOT NULL)');
  });
  afterEach(async () => {
    await scheduler.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers again, after its lease lapses, a timer whose process was killed mid-handler; one effect per timer', async () => {
    for (const id of ids) await scheduler.arm({ id, dueAt: new Date(Date.now() - 1000), payload: {} });
    const victim = ids[5];
    const run = worker([path, 'crash', victim]);
    await eventually(
      () => run.lines.includes(`effect ${victim}`) || run.lines.some((l) => l.startsWith('stderr')),
      'the child inside the victim',
      15_000,
    );
    await eventually(() => ids.every((id) => run.lines.includes(`effect ${id}`)), 'every effect in the child');
    run.child.kill('SIGKILL');
    expect(await run.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = Date.now();
    expect(await scheduler.get(victim)).toMatchObject({ state: 'armed', attempts: 1 });
    expect(await scheduler.armed()).toBe(1);

    const deliveries = new Deliveries();
    const effect = scheduler.db.prepare('INSERT OR IGNORE INTO effects (timer_id, pid) VALUES (?, ?)');
    await scheduler.start(deliveries.handler((timer) => void effect.run(timer.id, process.pid)));
    await eventually(() => deliveries.seen.length === 1, 'the victim delivered again', 5000);
    expect(deliveries.seen[0]).toMatchObject({ id: victim, attempt: 2 });
    expect(deliveries.seen[0].at - killedAt).toBeGreaterThanOrEqual(300);
    await eventually(async () => (await scheduler.armed()) === 0, 'the victim removed');
    const effects = scheduler.db.prepare('SELECT timer_id, COUNT(*) AS n FROM effects GROUP BY timer_id').all();
    expect(effects).toHaveLength(ids.length);
    expect(effects.every((row) => (row as { n: number }).n === 1)).toBe(true);
  }, 30_000);

  it('never lets two processes polling one file deliver the same timer', async () => {
    const many = Array.from({ length: 300 }, (_, i) => `dossier-${i}_recognition-decision_2025-01-0${(i % 9) + 1}`);
    const runs = [worker([path, 'drain', String(many.length)]), worker([path, 'drain', String(many.length)])];
    await eventually(() => runs.every((r) => r.lines.includes('ready')), 'both pollers started', 15_000);
    await Promise.all(many.map((id) => scheduler.arm({ id, dueAt: new Date(), payload: { id } })));
    const exits = await Promise.all(runs.map((r) => r.exited));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    const rows = scheduler.db.prepare('SELECT timer_id, pid FROM deliveries').all() as Array<{
      timer_id: string;
      pid: number;
    }>;
    expect(rows).toHaveLength(many.length);
    expect(new Set(rows.map((r) => r.timer_id)).size).toBe(many.length);
    expect(new Set(rows.map((r) => r.pid)).size).toBe(2);
  }, 30_000);
});
