import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timerSchedulerContract } from '../testing/timer-scheduler.contract';
import { EmbeddedTimerScheduler } from './embedded.timer-scheduler';

timerSchedulerContract('embedded', async (settings) => {
  const dir = mkdtempSync(join(tmpdir(), 'ketnap-timers-'));
  const scheduler = new EmbeddedTimerScheduler({ path: join(dir, 'ketnap.db'), pollIntervalMs: 10, ...settings });
  return {
    scheduler,
    cleanup: async () => {
      await scheduler.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
