import pg from 'pg';

/**
 * A `pg` pool whose connections the server may end (a restart, a failover, `pg_terminate_backend`)
 * without ending the process: an idle connection dropped is discarded and the next query connects
 * again; one dropped while lent out fails its next query, and is discarded when given back. (pg-pool
 * hands a connection to the next borrower before the borrower can listen to it: without a listener of
 * its own from the start, an error in between would be an unhandled 'error' event.)
 */
export function resilientPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
