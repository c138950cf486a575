export * from './projection';
export { ProjectionDatabase, type Generation, type GenerationStatus } from './sqlite/projection-database';
export { ProjectionRunner, rebuildProjection, advance, type Progress, type RunnerOptions } from './sqlite/projection-runner';
