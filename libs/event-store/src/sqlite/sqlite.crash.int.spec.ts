import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite.event-store';

const root = join(__dirname, '..', '..', '..', '..');
const RUNS = 10;

/** Starts the append loop in a child process, lets it write for `ms`, then kills it with SIGKILL. */
function appendThenKill(path: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(root, 'test/support/register-ts.js'), join(root, 'test/fixtures/append-loop.ts'), path],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`append loop ended by itself (code ${code}): ${stderr}`)),
    );
  });
}

describe('SqliteEventStore crash safety', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'ketnap-crash-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps only whole commits, no hole in the log and a valid chain after SIGKILL, ${RUNS} times in a row`, async () => {
    const path = join(dir, 'ketnap.db');
    let previousHead = 0;
    for (let run = 1; run <= RUNS; run += 1) {
      await appendThenKill(path, 150 + run * 20);
      const store = new SqliteEventStore({ path });
      const head = await store.headPosition();
      expect(head).toBeGreaterThan(previousHead);

      const positions: number[] = [];
      const batches = new Map<string, { size: number; seen: number }>();
      let after = 'start';
      for (;;) {
        const page = await store.readAll({ after, limit: 2000 });
        for (const e of page.events) {
          positions.push(e.globalPosition);
          const { pid, i, size } = e.data as { pid: number; i: number; size: number };
          const key = `${pid}:${e.streamId}:${i}`;
          const batch = batches.get(key) ?? { size, seen: 0 };
          batch.seen += 1;
          batches.set(key, batch);
        }
        after = page.checkpoint;
        if (page.isEnd) break;
      }
      expect(positions).toEqual(Array.from({ length: head }, (_, k) => k + 1));
      const partial = [...batches.entries()].filter(([, b]) => b.seen !== b.size);
      expect(partial).toEqual([]);
      expect(await store.verify()).toMatchObject({ ok: true, events: head });
      await store.close();
      previousHead = head;
    }
  }, 120_000);
});
