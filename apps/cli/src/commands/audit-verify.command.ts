import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { sqlitePath } from '@ketnap/engine';
import {
  SqliteEventStore,
  parseCheckpointDocument,
  verifyAgainstCheckpoint,
  walkLog,
  type CheckpointDocument,
  type VerifyResult,
} from '@ketnap/event-store';
import { UsageError } from '../cli-errors';
import { say } from '../cli-text';
import { cliConfig } from '../cli-config';

interface VerifyOptions {
  checkpoint?: string;
  publicKey?: string;
  db?: string;
}

type Broken = NonNullable<VerifyResult['firstBroken']>;

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? say('cli.noSuchFile') : (error as Error).message;
    throw new Error(say('cli.cannotRead', { file, reason }));
  }
}

function publicKeyIn(file: string): KeyObject {
  const pem = readText(file);
  try {
    return createPublicKey(pem);
  } catch (error) {
    throw new Error(say('cli.audit.notPublicKey', { file, reason: (error as Error).message }));
  }
}

function checkpointIn(file: string): CheckpointDocument {
  const text = readText(file);
  try {
    return parseCheckpointDocument(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

/** The database to verify, opened read-only: a copy (`--db`) or the configured store. */
function openStore(db: string | undefined): SqliteEventStore {
  const config = cliConfig();
  if (db === undefined && config.eventStore === 'memory')
    throw new UsageError(say('cli.memoryStore', { instead: 'GET /api/v1/audit/verify' }));
  const path = db ?? sqlitePath(config);
  if (!existsSync(path)) {
    throw new Error(
      db === undefined
        ? say('cli.audit.noStore', { path, dataDir: config.dataDir })
        : say('cli.cannotRead', { file: path, reason: say('cli.noSuchFile') }),
    );
  }
  return new SqliteEventStore({ path, readonly: true });
}

/** Every stream's first broken link, in one walk, where `verify` stops at the first of all. */
async function brokenStreams(store: SqliteEventStore): Promise<{ broken: Broken[]; events: number; streams: number }> {
  const broken = new Map<string, Broken>();
  const walk = await walkLog(store, {
    visit: (_event, link) => {
      if (link && !broken.has(link.streamId)) broken.set(link.streamId, link);
    },
  });
  return { broken: [...broken.values()], events: walk.events, streams: walk.heads.size };
}

/**
 * `ketnap audit verify [--checkpoint FILE --public-key FILE] [--db FILE]`: recomputes every stream's
 * hash chain; with a checkpoint, also names every stream changed, truncated, deleted or added since it
 * was signed. Works offline, on a copy of the database. One line per finding; exit 1 when there is any.
 */
export function registerAuditVerify(audit: Command, out: (line: string) => void): void {
  audit
    .command('verify')
    .description('recompute the hash chain; with --checkpoint, name every stream changed since it was signed')
    .option('--checkpoint <file>', 'a signed checkpoint file, as written to KETNAP_CHECKPOINT_DIR')
    .option(
      '--public-key <file>',
      "the server's public key (PEM, from `ketnap audit public-key`), from a copy kept off the machine",
    )
    .option('--db <file>', 'a copy of the database to verify (default: ketnap.db in KETNAP_DATA_DIR)')
    .action(async (options: VerifyOptions) => {
      if ((options.checkpoint === undefined) !== (options.publicKey === undefined)) {
        throw new UsageError(say('cli.audit.keyPair'));
      }
      const doc = options.checkpoint === undefined ? undefined : checkpointIn(options.checkpoint);
      const publicKey = options.publicKey === undefined ? undefined : publicKeyIn(options.publicKey);
      const store = openStore(options.db);
      try {
        if (doc && publicKey) {
          const { chain, checkpoint } = await verifyAgainstCheckpoint(store, doc, publicKey);
          for (const f of checkpoint.findings) {
            const problem = say(`cli.audit.problem.${f.problem}`);
            out(
              f.version === undefined
                ? say('cli.audit.finding', { problem, streamId: f.streamId, reason: f.reason })
                : say('cli.audit.findingAt', { problem, streamId: f.streamId, version: f.version, reason: f.reason }),
            );
          }
          if (!checkpoint.ok)
            throw new Error(say('cli.audit.findings', { count: checkpoint.findings.length, id: doc.id }));
          out(
            say('cli.audit.checkpointHolds', {
              id: doc.id,
              position: doc.position,
              streamCount: doc.streamCount,
              events: chain.events,
              streams: chain.streams,
            }),
          );
          return;
        }
        const { broken, events, streams } = await brokenStreams(store);
        for (const b of broken)
          out(say('cli.audit.broken', { streamId: b.streamId, version: b.streamVersion, reason: b.reason }));
        if (broken.length > 0) throw new Error(say('cli.audit.brokenCount', { count: broken.length }));
        out(say('cli.audit.ok', { events, streams }));
      } finally {
        await store.close();
      }
    });
}
