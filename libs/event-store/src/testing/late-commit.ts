import pg from 'pg';
import { sealEvents } from '../envelope';
import { GENESIS_HASH } from '../hash-chain';
import { appendSealed } from '../postgres/postgres.append';

/**
 * Appends that commit out of position order on a PostgreSQL log (DESIGN.md §4), for tests of its
 * consumers. `begin` opens a transaction on a connection of its own and takes a transaction id: every
 * append committed meanwhile comes after it in the log, and is held back from readers until it ends.
 * `commit` then appends one event of its own to a new stream (a position above theirs, yet first in
 * log order) and commits.
 */
export class LateCommit {
  private constructor(
    private readonly client: pg.Client,
    private readonly schema: string,
  ) {}

  static async connect(url: string, schema: string): Promise<LateCommit> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new LateCommit(client, schema);
  }

  async begin(): Promise<void> {
    await this.client.query('BEGIN');
    await this.client.query('SELECT pg_current_xact_id()');
  }

  /** Appends one event of `type` as the first of `streamId` (a stream not written yet) in the transaction left open. */
  async append(streamId: string, type = 'LateCommitted'): Promise<void> {
    const recordedAt = new Date().toISOString();
    const sealed = sealEvents(
      streamId,
      [{ type, data: {} }],
      { version: 0, hash: GENESIS_HASH },
      recordedAt,
      undefined,
    );
    const outcome = await appendSealed(this.client, this.schema, 0, sealed, undefined, recordedAt);
    if (outcome.outcome !== 'appended') throw new Error(`late append to ${streamId}: ${outcome.outcome}`);
  }

  /** Commits the transaction, first appending one `LateCommitted` event as the first of `streamId` when one is named. */
  async commit(streamId?: string): Promise<void> {
    if (streamId !== undefined) await this.append(streamId);
    await this.client.query('COMMIT');
  }

  end(): Promise<void> {
    return this.client.end();
  }
}
