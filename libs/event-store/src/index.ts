export * from './event-store.port';
export type { DecodedEnvelope } from './decoded-envelope';
export * from './errors';
export { checkImport, importedCommands } from './import-events';
export * from './copy-log';
export { GENESIS_HASH, canonicalJson, eventHash } from './hash-chain';
export {
  verifyStreamEvents,
  verifyWholeLog,
  walkLog,
  type ChainLink,
  type LogWalk,
  type LogWalkOptions,
} from './verify';
export * from './checkpoint/checkpoint-document';
export { checkCheckpointDocument, sealCheckpoint } from './checkpoint/checkpoint-signature';
export { BrokenChainError, collectStreamHeads, type StreamHeads } from './checkpoint/stream-heads';
export * from './checkpoint/verify-against-checkpoint';
export { PollingSubscription } from './polling-subscription';
export { lowestPositionAfter } from './log-position';
export { MemoryEventStore } from './memory/memory.event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite.event-store';
export { EVENT_STORE_MIGRATIONS, migrate, type Migration } from './sqlite/sqlite.migrations';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres.event-store';
export {
  PG_EVENT_STORE_MIGRATIONS,
  migratePostgres,
  quoteIdent,
  type PostgresMigration,
} from './postgres/postgres.migrations';
export {
  PRIVATE_DIR_MODE,
  PRIVATE_FILE_MODE,
  ensurePrivateDir,
  ensurePrivateFile,
  readOrCreatePrivateFile,
} from './private-files';
export { EventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb.event-store';
export { EventStoreDbError, type EventStoreDbFailure } from './eventstoredb/esdb-errors';
export * from './sql';
export * from './personal/personal-cipher';
export { ColumnCipher } from './personal/column-cipher';
export { PersonalKeyTable, type PersonalKeyRecord, type PersonalKeyTableOptions } from './personal/personal-key-table';
export {
  DataKey,
  PersonalKeyring,
  type Keyring,
  type PersonalKeyringOptions,
  type SubjectKey,
} from './personal/personal-keyring';
export { PersonalDataStore, storedLog, type SubjectOfStream } from './personal/personal-data.store';
