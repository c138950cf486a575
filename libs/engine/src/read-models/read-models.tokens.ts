import { join } from 'node:path';
import type { LocalDate } from '@ketnap/domain';
import type { KetnapConfig } from '../config/config';

/**
 * Multi-provider token: the `Projection[]` the host runs and `ketnap projections rebuild` can
 * rebuild. Add projections with `ReadModelsModule.forFeature(...)`, never by replacing the array.
 */
export const PROJECTIONS = Symbol('PROJECTIONS');

/**
 * The `ColumnCipher` that seals the read models' personal columns (DESIGN.md §9), from the keyring's
 * key of the read models: the same in every process and across master-key rotations, so the tables
 * need no rebuild but when a projection's version changes.
 */
export const PERSONAL_COLUMNS = Symbol('PERSONAL_COLUMNS');

/**
 * Optional: which dossiers have an overdue obligation today (from the deadlines board). Bound by the
 * module that owns the board; `GET /dossiers?overdue=true` answers 400 while nothing provides it.
 */
export const OVERDUE_DOSSIERS = Symbol('OVERDUE_DOSSIERS');

export interface OverdueDossiers {
  overdueDossierIds(today: LocalDate): string[] | Promise<string[]>;
}

/** The PostgreSQL schema of the read models when the event store is PostgreSQL. */
export const READ_MODEL_SCHEMA = 'ketnap_read';

/** The read-model database file: `<KETNAP_DATA_DIR>/projections.db`; in memory with the memory store. */
export const projectionsPath = (config: Pick<KetnapConfig, 'eventStore' | 'dataDir'>): string =>
  config.eventStore === 'memory' ? ':memory:' : join(config.dataDir, 'projections.db');
