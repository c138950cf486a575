// Test helpers of the event store, imported by tests as `@ketnap/event-store/testing`.
export * from './describe-with-env';
export * from './event-store.contract';
export * from './tampered-log';
export * from './postgres-schema';
export * from './late-commit';
export * from './importing-writer';
