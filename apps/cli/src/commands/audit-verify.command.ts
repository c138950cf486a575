import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig, sqlitePath } from '@ketnap/engine';
import {
  SqliteEventStore,
  parseCheckpointDocument,
  verifyAgainstCheckpoint,
  walkLog,
  type CheckpointDocument,
  type VerifyResult,
} from '@ketnap/event-store';
import { UsageError } from '../cli-errors';

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
    throw new Error(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
}

function publicKeyIn(file: string): KeyObject {
  const pem = readText(file);
  try {
    return createPublicKey(pem);
  } catch (error) {
    throw new Error(`${file}: not a public key in PEM (${(error as Error).message})`);
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
  const config = loadConfig();
  if (db === undefined && config.eventStore === 'memory')
    throw new UsageError('the memory store lives in the server process: GET /api/v1/audit/verify there');
  const path = db ?? sqlitePath(config);
  if (!existsSync(path)) throw new Error(`cannot read ${path}: no such file`);
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
        throw new UsageError(
          '--checkpoint FILE and --public-key FILE go together: the checkpoint and the key that signed it',
        );
      }
      const doc = options.checkpoint === undefined ? undefined : checkpointIn(options.checkpoint);
      const publicKey = options.publicKey === undefined ? undefined : publicKeyIn(options.publicKey);
      const store = openStore(options.db);
      try {
        if (doc && publicKey) {
          const { chain, checkpoint } = await verifyAgainstCheckpoint(store, doc, publicKey);
          for (const f of checkpoint.findings) {
            out(`${f.problem} ${f.streamId}${f.version === undefined ? '' : ` version ${f.version}`}: ${f.reason}`);
          }
          if (!checkpoint.ok) throw new Error(`${checkpoint.findings.length} finding(s) against checkpoint ${doc.id}`);
          out(
            `ok: checkpoint ${doc.id} holds (position ${doc.position}, ${doc.streamCount} streams); ${chain.events} events in ${chain.streams} streams chain`,
          );
          return;
        }
        const { broken, events, streams } = await brokenStreams(store);
        for (const b of broken) out(`broken ${b.streamId} version ${b.streamVersion}: ${b.reason}`);
        if (broken.length > 0) throw new Error(`the hash chain is broken in ${broken.length} stream(s)`);
        out(`ok: ${events} events in ${streams} streams chain`);
      } finally {
        await store.close();
      }
    });
}
