import type { Command } from 'commander';
import { openPersonalKeyring } from '@ketnap/engine';
import { UsageError } from '../cli-errors';
import { say } from '../cli-text';
import { cliConfig } from '../cli-config';
import { progressLine } from '../progress-line';

/**
 * `ketnap keys rotate`: after `KETNAP_MASTER_KEY` was changed (the old one given as
 * `KETNAP_MASTER_KEY_PREVIOUS`), rewraps every data key with the new master key. Events are not
 * touched: the data keys stay the same. Resumable; run it again after an interruption. Once it is done,
 * `KETNAP_MASTER_KEY_PREVIOUS` may be removed.
 */
export function registerKeys(program: Command, out: (line: string) => void): void {
  program
    .command('keys')
    .description('the keys of personal data')
    .command('rotate')
    .description('rewrap every data key with KETNAP_MASTER_KEY (the old master key in KETNAP_MASTER_KEY_PREVIOUS)')
    .action(async () => {
      const config = cliConfig();
      if (config.eventStore === 'memory')
        throw new UsageError(say('cli.memoryStore', { instead: 'KETNAP_EVENT_STORE=sqlite' }));
      const { keyring, database } = await openPersonalKeyring(config);
      const bar = progressLine();
      const started = Date.now();
      try {
        const done = await keyring.rotate(({ seen, total }) => {
          const rate = seen / Math.max((Date.now() - started) / 1000, 0.001);
          bar.update({
            projection: 'keys rotate',
            position: seen,
            head: total,
            eventsPerSecond: Math.round(rate),
            etaSeconds: (total - seen) / rate,
          });
        });
        bar.end();
        out(say('cli.keys.rotated', done));
      } finally {
        bar.end();
        await database.close();
      }
    });
}
