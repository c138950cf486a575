import { sign, verify, type KeyObject } from 'node:crypto';
import {
  CHECKPOINT_FORMAT,
  CheckpointDocumentError,
  byStreamId,
  headOf,
  signedText,
  type CheckpointDocument,
  type CheckpointDraft,
} from './checkpoint-document';

/** Signs a checkpoint with the server's Ed25519 private key; the heads are sorted by stream id first. */
export function sealCheckpoint(draft: CheckpointDraft, privateKey: KeyObject): CheckpointDocument {
  const streams = [...draft.streams].sort(byStreamId);
  const { id, position, at } = draft;
  const unsigned = {
    format: CHECKPOINT_FORMAT,
    id,
    position,
    head: headOf(streams),
    streamCount: streams.length,
    at,
  } as const;
  const signature = sign(null, Buffer.from(signedText(unsigned), 'utf8'), privateKey).toString('base64');
  return { ...unsigned, signature, streams };
}

/**
 * Checks a checkpoint document against a public key: its list of heads, in order and without a repeat,
 * still hashes to its signed `head`, and the signature verifies. Only then can its heads be trusted.
 * @throws CheckpointDocumentError naming what does not hold
 */
export function checkCheckpointDocument(doc: CheckpointDocument, publicKey: KeyObject): void {
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ed25519') {
    throw new CheckpointDocumentError('the public key is not an Ed25519 public key');
  }
  if (doc.streams.length !== doc.streamCount) {
    throw new CheckpointDocumentError(
      `checkpoint ${doc.id}: lists ${doc.streams.length} streams, signed for ${doc.streamCount}`,
    );
  }
  const disordered = doc.streams.findIndex((h, i) => i > 0 && byStreamId(doc.streams[i - 1], h) >= 0);
  if (disordered > 0) {
    throw new CheckpointDocumentError(
      `checkpoint ${doc.id}: its stream heads are out of order or repeat ${doc.streams[disordered].streamId}`,
    );
  }
  if (headOf(doc.streams) !== doc.head) {
    throw new CheckpointDocumentError(
      `checkpoint ${doc.id}: its stream heads do not hash to its signed head (the list was altered)`,
    );
  }
  const signature = Buffer.from(doc.signature, 'base64');
  if (!verify(null, Buffer.from(signedText(doc), 'utf8'), publicKey, signature)) {
    throw new CheckpointDocumentError(
      `checkpoint ${doc.id}: the signature does not verify with this public key (altered, or signed with another key)`,
    );
  }
}
