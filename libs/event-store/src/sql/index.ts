export * from './sql-database';
export { SqliteSql, type SqliteSqlOptions } from './sqlite.sql';
export { PostgresSql, type PostgresSqlOptions } from './postgres.sql';
export { resilientPool } from './postgres-pool';
export { migrateSql } from './sql-migrations';
export { isAbandoned, leaseOwner } from './lease-owner';
export { LEASE_TABLE_COLUMNS, fenceLease, releaseLease, takeLease, type LeaseRecord, type TakeLease } from './leases';
