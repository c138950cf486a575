import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '../postgres/postgres.migrations';

/** A schema of its own for one test file on a shared PostgreSQL server, dropped with everything in it. */
export interface TestSchema {
  schema: string;
  /** A pool for the test's own queries (and stores that share it). */
  pool: pg.Pool;
  drop(): Promise<void>;
}

export function freshTestSchema(url: string, poolSize = 10): TestSchema {
  const schema = `ketnap_test_${randomBytes(6).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return {
    schema,
    pool,
    drop: async () => {
      try {
        await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      } finally {
        await pool.end();
      }
    },
  };
}
