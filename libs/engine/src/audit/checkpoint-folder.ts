import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CheckpointDocumentError,
  parseCheckpointDocument,
  readOrCreatePrivateFile,
  type CheckpointDocument,
} from '@ketnap/event-store';

/** `cp-<global position, 12 digits>-<instant>`: names sort by position, then by time. */
export const CHECKPOINT_ID = /^cp-(\d{12,})-\d{8}T\d{9}Z$/;

/** The id of a checkpoint taken at `position` on `at`. */
export function checkpointIdOf(position: number, at: Date): string {
  return `cp-${String(position).padStart(12, '0')}-${at.toISOString().replace(/[-:.]/g, '')}`;
}

/** The global position a checkpoint id names, read from the id alone. */
export const positionOfId = (id: string): number | undefined => {
  const match = CHECKPOINT_ID.exec(id);
  return match ? Number(match[1]) : undefined;
};

/** The signed summary first, then one line per stream head (indented JSON would take five): easy to read and to grep. */
function fileText(doc: CheckpointDocument): string {
  const { streams, ...summary } = doc;
  const heads = streams.map((h) => `    ${JSON.stringify(h)}`).join(',\n');
  return `${JSON.stringify(summary, null, 2).slice(0, -2)},\n  "streams": [${heads ? `\n${heads}\n  ` : ''}]\n}\n`;
}

/**
 * `KETNAP_CHECKPOINT_DIR`: one JSON file per checkpoint (`<id>.json`, mode 0600, in a folder created
 * 0700), written whole and never replaced, so an operator can ship the folder off the machine as it grows.
 */
export class CheckpointFolder {
  constructor(readonly dir: string) {}

  fileOf(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /**
   * Writes a new checkpoint's file and returns its path.
   * @throws Error when a file of that name holds another checkpoint
   */
  save(doc: CheckpointDocument): string {
    const path = this.fileOf(doc.id);
    const text = fileText(doc);
    if (readOrCreatePrivateFile(path, () => text) !== text) throw new Error(`${path} already holds another checkpoint`);
    return path;
  }

  /** The ids of the checkpoints in the folder, newest (highest position) first. */
  ids(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((name) => name.endsWith('.json') && CHECKPOINT_ID.test(name.slice(0, -5)))
      .map((name) => name.slice(0, -5))
      .sort()
      .reverse();
  }

  /**
   * The checkpoint of that id, `null` when there is none.
   * @throws CheckpointDocumentError naming the file when it is not a checkpoint
   */
  read(id: string): CheckpointDocument | null {
    if (!CHECKPOINT_ID.test(id)) return null;
    const path = this.fileOf(id);
    if (!existsSync(path)) return null;
    let doc: CheckpointDocument;
    try {
      doc = parseCheckpointDocument(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new CheckpointDocumentError(`${path}: ${(error as Error).message}`);
    }
    if (doc.id !== id) throw new CheckpointDocumentError(`${path}: holds checkpoint ${doc.id}, not ${id}`);
    return doc;
  }
}
