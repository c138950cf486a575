import type { KeyObject } from 'node:crypto';
import type { EventStore, VerifyResult } from '../event-store.port';
import { walkLog } from '../verify';
import { byStreamId, type CheckpointDocument, type StreamHead } from './checkpoint-document';
import { checkCheckpointDocument } from './checkpoint-signature';

/** How a stream differs from what a checkpoint signed. */
export type CheckpointProblem = 'changed' | 'truncated' | 'deleted' | 'added';

export interface CheckpointFinding {
  streamId: string;
  problem: CheckpointProblem;
  /** The event concerned: the first broken one, or the signed head's version. */
  version?: number;
  reason: string;
}

export interface CheckpointVerdict {
  id: string;
  ok: boolean;
  findings: CheckpointFinding[];
}

/** What one walk of the log learns about a stream. */
interface Seen {
  lastVersion: number;
  firstBroken?: { version: number; reason: string };
  /** Hash of the event at the version the checkpoint signed. */
  signedVersionHash?: string;
  /** Highest version at or below the checkpoint's position. */
  versionAtPosition: number;
}

/**
 * Verifies the store against a signed checkpoint, in one walk of the log: every stream's chain, and
 * every stream the checkpoint lists, named when it was deleted, truncated or changed since (even when its
 * whole chain was computed again), and every stream it does not list with events at or below its
 * position (added). Events appended after the checkpoint pass when they chain. Works on any adapter,
 * so on a copy of the database, offline.
 * @throws CheckpointDocumentError when the document is altered or the key is not the signer's
 */
export async function verifyAgainstCheckpoint(
  store: Pick<EventStore, 'readAll'>,
  doc: CheckpointDocument,
  publicKey: KeyObject,
): Promise<{ chain: VerifyResult; checkpoint: CheckpointVerdict }> {
  checkCheckpointDocument(doc, publicKey);
  const signed = new Map(doc.streams.map((h) => [h.streamId, h]));
  const seen = new Map<string, Seen>();
  let firstBroken: VerifyResult['firstBroken'];
  const walk = await walkLog(store, {
    visit: (event, broken) => {
      const s = seen.get(event.streamId) ?? { lastVersion: 0, versionAtPosition: 0 };
      seen.set(event.streamId, s);
      s.lastVersion = Math.max(s.lastVersion, event.streamVersion);
      if (event.globalPosition <= doc.position)
        s.versionAtPosition = Math.max(s.versionAtPosition, event.streamVersion);
      if (event.streamVersion === signed.get(event.streamId)?.version) s.signedVersionHash = event.hash;
      if (broken) {
        firstBroken ??= broken;
        s.firstBroken ??= { version: broken.streamVersion, reason: broken.reason };
      }
    },
  });
  const findings = [
    ...doc.streams.flatMap((h) => signedStreamFindings(h, seen.get(h.streamId), doc)),
    ...unsignedStreamFindings(seen, signed, doc),
  ];
  findings.sort((a, b) => byStreamId(a, b) || (a.version ?? 0) - (b.version ?? 0));
  const counts = { streams: seen.size, events: walk.events };
  return {
    chain: firstBroken ? { ok: false, ...counts, firstBroken } : { ok: true, ...counts },
    checkpoint: { id: doc.id, ok: findings.length === 0, findings },
  };
}

const finding = (
  streamId: string,
  problem: CheckpointProblem,
  version: number | undefined,
  reason: string,
): CheckpointFinding =>
  version === undefined ? { streamId, problem, reason } : { streamId, problem, version, reason };

function signedStreamFindings(h: StreamHead, s: Seen | undefined, doc: CheckpointDocument): CheckpointFinding[] {
  const { streamId } = h;
  if (!s) return [finding(streamId, 'deleted', undefined, `the checkpoint signed ${h.version} event(s); none is left`)];
  const findings: CheckpointFinding[] = [];
  if (s.firstBroken) findings.push(finding(streamId, 'changed', s.firstBroken.version, s.firstBroken.reason));
  if (s.lastVersion < h.version) {
    findings.push(
      finding(
        streamId,
        'truncated',
        h.version,
        `the checkpoint signed ${h.version} event(s); it ends at version ${s.lastVersion}`,
      ),
    );
  } else if (s.signedVersionHash !== h.hash && !(s.firstBroken && s.firstBroken.version <= h.version)) {
    const reason = 'the events up to this version are not the ones the checkpoint signed (rewritten and chained again)';
    findings.push(finding(streamId, 'changed', h.version, reason));
  }
  if (s.versionAtPosition > h.version) {
    const reason = `version ${s.versionAtPosition} sits at or before position ${doc.position}, where the checkpoint signed version ${h.version}`;
    findings.push(finding(streamId, 'changed', s.versionAtPosition, reason));
  }
  return findings;
}

function unsignedStreamFindings(
  seen: Map<string, Seen>,
  signed: Map<string, StreamHead>,
  doc: CheckpointDocument,
): CheckpointFinding[] {
  return [...seen].flatMap(([streamId, s]) => {
    if (signed.has(streamId)) return [];
    const findings: CheckpointFinding[] = [];
    if (s.versionAtPosition > 0) {
      const reason = `it has events at or before position ${doc.position}, which the checkpoint does not list`;
      findings.push(finding(streamId, 'added', s.versionAtPosition, reason));
    }
    if (s.firstBroken) findings.push(finding(streamId, 'changed', s.firstBroken.version, s.firstBroken.reason));
    return findings;
  });
}
