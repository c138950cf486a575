// Test helpers of the domain, imported by tests as `@ketnap/domain/testing` (never by the code itself).
export * from './fixtures';
export * from './decider-spec';
