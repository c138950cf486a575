export * from './projection';
export {
  ProjectionDatabase,
  ReadModelNotBuiltError,
  type Generation,
  type GenerationStatus,
} from './sqlite/projection-database';
export {
  ProjectionRunner,
  rebuildProjection,
  advance,
  type Progress,
  type RunnerOptions,
} from './sqlite/projection-runner';
export {
  DEFAULT_BATCH,
  rebuildProjections,
  type RebuildOptions,
  type RebuildSource,
} from './sqlite/rebuild-projections';
export * from './read-models';
export * from './read-models/deadline-read-models';
export { seededRandom } from './seeded-random';
