// Test helpers of the read models, imported by tests and benches as `@ketnap/projections/testing`.
export * from './read-model-testing';
export * from './stream-counts.projection';
export * from './synthetic-log';
export * from './xlsx-rows';
