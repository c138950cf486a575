export * from './sql-database';
export { SqliteSql, type SqliteSqlOptions } from './sqlite.sql';
export { PostgresSql, type PostgresSqlOptions } from './postgres.sql';
export { migrateSql } from './sql-migrations';
