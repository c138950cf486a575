import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import {
  SystemClock,
  copyKeyTable,
  createEventStore,
  isConfiguredStore,
  keyTablePath,
  masterKeyPath,
  openPersonalKeyring,
  openTargetKeyTable,
  openTargetStore,
  parseStoreTarget,
  sqlitePath,
  targetLabel,
  StoreTargetError,
  type KetnapConfig,
  type StoreTarget,
} from '@ketnap/engine';
import {
  DEFAULT_COPY_BATCH,
  DivergedCopyError,
  checkCopy,
  copyLog,
  type CopyCheck,
  type EventStore,
} from '@ketnap/event-store';
import { UsageError } from '../cli-errors';
import { got, say } from '../cli-text';
import { progressLine } from '../progress-line';
import { cliConfig } from '../cli-config';

/** The configured store, which must already hold a log: the source of the copy. */
function openSource(config: KetnapConfig): EventStore {
  if (config.eventStore === 'memory')
    throw new UsageError(say('cli.memoryStore', { instead: 'KETNAP_EVENT_STORE=sqlite' }));
  const path = sqlitePath(config);
  if (config.eventStore === 'sqlite' && !existsSync(path))
    throw new Error(say('cli.store.noSource', { path, dataDir: config.dataDir }));
  return createEventStore(config, new SystemClock());
}

/**
 * The key table beside the log: the events hold personal parts sealed by its keys, so a copy without
 * them would read as erased. The keys stay wrapped by this data dir's master key.
 */
async function copyKeys(config: KetnapConfig, target: StoreTarget, out: (line: string) => void): Promise<void> {
  const source = await openPersonalKeyring(config);
  try {
    const into = await openTargetKeyTable(target);
    if (!into) {
      out(say('cli.store.keysStay', { where: keyTablePath(config) }));
      return;
    }
    try {
      const keys = await copyKeyTable(source.table, into.table);
      const masterKey = config.masterKey === undefined ? masterKeyPath(config) : 'KETNAP_MASTER_KEY';
      out(say('cli.store.keys', { keys, where: into.where, masterKey }));
    } finally {
      await into.database.close();
    }
  } finally {
    await source.database.close();
  }
}

/** The target as typed; one ketnap cannot read is bad usage. */
function targetOf(text: string): StoreTarget {
  try {
    return parseStoreTarget(text);
  } catch (error) {
    if (error instanceof StoreTargetError) throw new UsageError(say(error.messageKey, error.messageParams));
    throw error;
  }
}

/** The refusal of a target that holds events the source does not, in the CLI's language. */
function divergedMessage(error: DivergedCopyError, target: string): string {
  return error.position > error.sourceHead
    ? say('cli.store.ahead', { target, position: error.position, head: error.sourceHead })
    : say('cli.store.diverged', { target, position: error.position });
}

/** Every way the copy differs from its source, one phrase each. */
function differencesOf(check: CopyCheck): string[] {
  const broken = check.chain.firstBroken;
  return [
    ...(broken
      ? [
          say('cli.store.chainBroken', {
            streamId: broken.streamId,
            version: broken.streamVersion,
            reason: broken.reason,
          }),
        ]
      : []),
    ...check.differences.map((d) =>
      say('cli.store.differs', { what: { key: `cli.store.what.${d.what}` }, source: d.source, target: d.target }),
    ),
  ];
}

/**
 * `ketnap store copy --to TARGET [--batch N]`: moves a deployment to another store. Copies the
 * configured store's whole log into the target with every event id, version, position and hash kept,
 * page by page, with a progress bar on stderr; then verifies the target's hash chain and compares its
 * event count, stream count and head position with the source's. Killed midway, the next run resumes
 * after the target's head. Stop the server first: what it writes during the copy is caught up by a
 * second run.
 */
export function registerStoreCopy(program: Command, out: (line: string) => void): void {
  program
    .command('store')
    .description('the event store')
    .command('copy')
    .description("copy the whole log into another store, resumable, then check the copy against the source's")
    .requiredOption('--to <target>', 'a SQLite file path (or sqlite:PATH), postgres://… or esdb://…')
    .option('--batch <n>', 'events per page', String(DEFAULT_COPY_BATCH))
    .action(async (options: { to: string; batch: string }) => {
      if (!/^\d{1,6}$/.test(options.batch) || Number(options.batch) < 1)
        throw new UsageError(say('cli.store.batch', { got: got(options.batch) }));
      const config = cliConfig();
      const target = targetOf(options.to);
      if (isConfiguredStore(config, target))
        throw new UsageError(say('cli.store.sameStore', { target: targetLabel(target) }));
      const source = openSource(config);
      try {
        const copy = openTargetStore(target);
        try {
          await copyAndCheck(source, copy, targetLabel(target), Number(options.batch), out, () =>
            copyKeys(config, target, out),
          );
        } finally {
          await copy.close();
        }
      } finally {
        await source.close();
      }
    });
}

async function copyAndCheck(
  source: EventStore,
  target: EventStore,
  label: string,
  batch: number,
  out: (line: string) => void,
  copyKeys: () => Promise<void>,
): Promise<void> {
  const bar = progressLine();
  const run = await copyLog(source, target, {
    batch,
    onResume: (position) => out(say('cli.store.resuming', { position, next: position + 1 })),
    onProgress: (p) => bar.update({ ...p, projection: `store copy → ${label}` }),
  }).catch((error: unknown) => {
    bar.end();
    throw error instanceof DivergedCopyError ? new Error(divergedMessage(error, label)) : error;
  });
  bar.end();
  const seconds = Math.round(run.seconds * 10) / 10;
  const rate = run.seconds > 0 ? Math.round(run.copied / run.seconds) : run.copied;
  out(say('cli.store.copied', { copied: run.copied, seconds, rate, position: run.position }));
  await copyKeys();
  out(say('cli.store.checking'));
  const check = await checkCopy(source, target);
  if (!check.ok) throw new Error(say('cli.store.mismatch', { differences: differencesOf(check).join('; ') }));
  out(say('cli.store.checked', check.target));
}
