import { createHash } from 'node:crypto';
import { canonicalJson } from '../hash-chain';

/** The version of the checkpoint documents this ketnap writes and can verify. */
export const CHECKPOINT_FORMAT = 'ketnap-checkpoint/1';

/** A stream's last event as of a checkpoint. */
export interface StreamHead {
  streamId: string;
  version: number;
  hash: string;
}

/** What a checkpoint states, before it is signed. */
export interface CheckpointDraft {
  id: string;
  /** Global position the heads are taken at: every event at or below it is covered. */
  position: number;
  /** When it was taken (ISO 8601 instant, by the engine's clock). */
  at: string;
  /** Every stream's head as of `position`, sorted by stream id. */
  streams: StreamHead[];
}

/**
 * A signed audit checkpoint, as written to its file and shipped off the machine. The list of heads is
 * kept whole, so that a verifier can name each stream that changed since.
 */
export interface CheckpointDocument extends CheckpointDraft {
  format: typeof CHECKPOINT_FORMAT;
  /** sha256 (hex) over the canonical JSON of `streams`. */
  head: string;
  streamCount: number;
  /** Ed25519 signature (base64) of {@link signedText}. */
  signature: string;
}

/** A problem with a checkpoint document itself: unreadable, altered, or signed with another key. */
export class CheckpointDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointDocumentError';
  }
}

/** Stream ids compare by UTF-16 code unit, the same on every machine (no locale). */
export const byStreamId = (a: { streamId: string }, b: { streamId: string }): number =>
  a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0;

/** The `head` of a list of stream heads: sha256 over its canonical JSON. */
export function headOf(streams: StreamHead[]): string {
  return createHash('sha256')
    .update(canonicalJson(streams.map(({ streamId, version, hash }) => ({ streamId, version, hash }))))
    .digest('hex');
}

/** The text the signature covers: the format, id, position, head, stream count and instant. */
export function signedText(doc: Omit<CheckpointDocument, 'signature' | 'streams'>): string {
  const { format, id, position, head, streamCount, at } = doc;
  return canonicalJson({ format, id, position, head, streamCount, at });
}

const isHead = (value: unknown): value is StreamHead => {
  const h = value as StreamHead;
  if (typeof h !== 'object' || h === null) return false;
  return (
    typeof h.streamId === 'string' && Number.isSafeInteger(h.version) && h.version > 0 && /^[0-9a-f]{64}$/.test(h.hash)
  );
};

/**
 * Reads a checkpoint document from its JSON text and checks its shape.
 * @throws CheckpointDocumentError naming what is wrong
 */
export function parseCheckpointDocument(text: string): CheckpointDocument {
  let doc: CheckpointDocument;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new CheckpointDocumentError('not a checkpoint: the file is not JSON');
  }
  if (typeof doc !== 'object' || doc === null || doc.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointDocumentError(`not a checkpoint of format ${CHECKPOINT_FORMAT}`);
  }
  const wellFormed =
    typeof doc.id === 'string' &&
    Number.isSafeInteger(doc.position) &&
    doc.position >= 0 &&
    typeof doc.at === 'string' &&
    typeof doc.head === 'string' &&
    typeof doc.signature === 'string' &&
    Number.isSafeInteger(doc.streamCount) &&
    Array.isArray(doc.streams) &&
    doc.streams.every(isHead);
  if (!wellFormed)
    throw new CheckpointDocumentError(`checkpoint ${String(doc.id)}: a field is missing or of the wrong type`);
  return doc;
}
