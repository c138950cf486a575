export * from './projection';
export {
  LeaseLostError,
  ProjectionDatabase,
  ReadModelNotBuiltError,
  type Generation,
  type GenerationStatus,
} from './runner/projection-database';
export {
  ProjectionRunner,
  rebuildProjection,
  advance,
  type Progress,
  type RunnerOptions,
} from './runner/projection-runner';
export {
  DEFAULT_BATCH,
  rebuildProjections,
  RebuildRunningError,
  type RebuildOptions,
  type RebuildSource,
} from './runner/rebuild-projections';
export * from './read-models';
export * from './read-models/deadline-read-models';
export { seededRandom } from './seeded-random';
