import { ProblemException } from '../common/problem/problem';

/**
 * Runs a read-model query; a read model the worker has not built yet (the first instants after the
 * first start) answers 503 with `Retry-After`, not a 500.
 */
export async function fromReadModel<T>(query: () => T | Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof Error && error.name === 'ReadModelNotBuiltError') {
      throw new ProblemException(503, 'READ_MODEL_NOT_READY', `${error.message}; retry in a moment`, {
        headers: { 'Retry-After': '1' },
      });
    }
    throw error;
  }
}
