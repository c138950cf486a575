// Test helpers of the timers, imported by tests and benches as `@ketnap/scheduling/testing`.
export * from './redis-keys';
export * from './timer-scheduler.contract';
export * from './timer-testing';
