// Test helpers of the engine, imported by tests and benches as `@ketnap/engine/testing`.
// (saga-worker.fixture.ts is a script a test starts in a child process, not a module.)
export * from './deadline-harness';
export * from './deadline-read-models.testing';
export * from './record-units';
export * from './synthetic-dossiers';
