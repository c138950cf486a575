import { LOG_START, type EventStore, type VerifyResult } from '../event-store.port';
import { encodePosition, positionIsCommitOrder } from '../log-position';
import { walkLog, type ChainLink } from '../verify';
import { byStreamId, type StreamHead } from './checkpoint-document';

/** A log that does not chain: a checkpoint over it would sign the damage as the truth. */
export class BrokenChainError extends Error {
  constructor(
    readonly broken: NonNullable<VerifyResult['firstBroken']>,
    advice = 'run the audit verify and restore the log before signing',
  ) {
    super(`the log is broken at ${broken.streamId} version ${broken.streamVersion} (${broken.reason}): ${advice}`);
    this.name = 'BrokenChainError';
  }
}

/** Every stream's head as of a global position. */
export interface StreamHeads {
  position: number;
  streams: StreamHead[];
}

/**
 * Every stream's head at the end of the log, for a new checkpoint, in one walk that checks each event
 * links to the head its stream has so far. Given the heads of a previous checkpoint (trusted because its
 * signature verified), it reads only the log after that checkpoint's position where the position is the
 * commit order (memory, SQLite); elsewhere (PostgreSQL) an event below that position may have committed
 * since, so it walks the whole log. The position signed is the highest one read.
 * @throws BrokenChainError when an event does not link
 */
export async function collectStreamHeads(
  store: Pick<EventStore, 'readAll' | 'name'>,
  previous?: StreamHeads,
): Promise<StreamHeads> {
  const from = previous && positionIsCommitOrder(store) ? previous : undefined;
  const heads = new Map<string, ChainLink>(
    from?.streams.map((h) => [h.streamId, { version: h.version, hash: h.hash }]),
  );
  let broken: BrokenChainError['broken'] | undefined;
  let position = from?.position ?? 0;
  await walkLog(store, {
    after: from ? encodePosition(from.position) : LOG_START,
    heads,
    visit: (event, link) => {
      broken = link;
      if (link === undefined) position = Math.max(position, event.globalPosition);
      return link === undefined;
    },
  });
  if (broken) throw new BrokenChainError(broken);
  const streams = [...heads]
    .map(([streamId, link]) => ({ streamId, version: link.version, hash: link.hash }))
    .sort(byStreamId);
  return { position, streams };
}
