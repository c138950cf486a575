// Child process of the saga crash test, run with test/support/register-ts.js:
//   KETNAP_DATA_DIR=… KETNAP_START_AT=… [REDIS_URL=… KETNAP_REDIS_PREFIX=…] node -r register-ts.js saga-worker.fixture.ts
// Runs the deadline saga on a manual clock and pauses for ever inside the handling of a due timer, after
// the breach is on the dossier and before the inspection case is opened. Prints "paused <cause> <dossierId>".
import { startDeadlineHarness } from './deadline-harness';

async function main(): Promise<void> {
  const env = process.env;
  await startDeadlineHarness({
    dataDir: env.KETNAP_DATA_DIR as string,
    startAt: env.KETNAP_START_AT as string,
    redisUrl: env.REDIS_URL,
    redisPrefix: env.KETNAP_REDIS_PREFIX,
    hooks: {
      beforeCaseOpened: async ({ cause, dossierId }) => {
        process.stdout.write(`paused ${cause} ${dossierId}\n`);
        await new Promise(() => undefined);
      },
    },
  });
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
