import type { CheckpointDocument } from '@ketnap/event-store';

/** A checkpoint as the API and the CLI show it: its signed summary and its file, not its list of heads. */
export interface CheckpointView {
  id: string;
  format: string;
  position: number;
  head: string;
  at: string;
  streamCount: number;
  /** Ed25519 signature, base64. */
  signature: string;
  file: string;
}

export function checkpointView(doc: CheckpointDocument, file: string): CheckpointView {
  const { id, format, position, head, at, streamCount, signature } = doc;
  return { id, format, position, head, at, streamCount, signature, file };
}
