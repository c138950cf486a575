import type { Client, Pool } from 'pg';
import {
  decodeEvent,
  dossierIdOfStream,
  evolve,
  initialState,
  legalDateOf,
  obligationsOf,
  recordedOf,
  type DossierState,
} from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import { PostgresSql, type EventEnvelope, type EventStore } from '@ketnap/event-store';
import { ProjectionDatabase, type Projection } from '@ketnap/projections';
import { liveAndRebuilt } from './engine-context';

/**
 * What the suites running worker processes (apps/worker) on PostgreSQL share: the schemas the
 * workers write, a view of their leases and checkpoints, and the end state every one checks.
 */

/** The schemas the worker app uses on PostgreSQL (see WORKER_SCHEMA and READ_MODEL_SCHEMA). */
export const WORKER_SCHEMA = 'ketnap_worker';
export const READ_SCHEMA = 'ketnap_read';
export const SAGA = 'deadline-saga';

/** The pid in a lease owner id (`worker@<host>#<pid>#<random>`, see leaseOwner). */
const pidOf = (owner: string): number => Number(/#(\d+)#/.exec(owner)?.[1]);

/** Polls `check` until it gives a value; fails naming `what` after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; ;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** What the test sees of the workers' shared state: who holds which lease, and how far each consumer got. */
export class Observer {
  constructor(private readonly db: Client | Pool) {}

  /** Rows of `sql`, none while the workers have not created the table yet. */
  private async rows<T>(sql: string): Promise<T[]> {
    try {
      return (await this.db.query(sql)).rows as T[];
    } catch (error) {
      if (['42P01', '3F000'].includes((error as { code?: string }).code ?? '')) return [];
      throw error;
    }
  }

  /** Lease name → the pid of its holder (`projection:<name>` for the read models' runners). */
  async holders(): Promise<Map<string, number>> {
    const saga = await this.rows<{ name: string; owner: string }>(
      `SELECT name, owner FROM ${WORKER_SCHEMA}.worker_leases WHERE expires_at > 0`,
    );
    const projections = await this.rows<{ name: string; owner: string }>(
      `SELECT 'projection:' || name AS name, owner FROM ${READ_SCHEMA}.projection_leases WHERE expires_at > 0`,
    );
    return new Map([...saga, ...projections].map((r) => [r.name, pidOf(r.owner)]));
  }

  /** The read models with a generation still being built (`projection:<name>#rebuild`: work left to a rebuild). */
  async building(): Promise<Set<string>> {
    const rows = await this.rows<{ name: string }>(
      `SELECT DISTINCT 'projection:' || name || '#rebuild' AS name FROM ${READ_SCHEMA}.projection_generations WHERE status = 'building'`,
    );
    return new Set(rows.map((r) => r.name));
  }

  /** Consumer → the position it stored: the saga's checkpoint and each active read model's. */
  async positions(): Promise<Map<string, number>> {
    const saga = await this.rows<{ name: string; position: string }>(
      `SELECT name, position FROM ${WORKER_SCHEMA}.saga_checkpoints`,
    );
    const projections = await this.rows<{ name: string; position: string }>(
      `SELECT 'projection:' || name AS name, position FROM ${READ_SCHEMA}.projection_generations WHERE status = 'active'`,
    );
    return new Map([...saga, ...projections].map((r) => [r.name, Number(r.position)]));
  }
}

/**
 * What the domain says the workers must breach on the legal date of `at`: each dossier's escalating
 * obligations that are late, folded from the log, as `dossierId_obligation_dueOn` (the breach's and
 * the inspection case's key).
 */
export function overdueObligations(log: readonly EventEnvelope[], at: Date): Set<string> {
  const states = new Map<string, DossierState>();
  for (const e of log) {
    const id = dossierIdOfStream(e.streamId);
    const recorded = id === undefined ? undefined : recordedOf(decodeEvent(e));
    if (id !== undefined && recorded) states.set(id, evolve(states.get(id) ?? initialState(), recorded));
  }
  const today = legalDateOf(at);
  const overdue = new Set<string>();
  for (const [id, state] of states)
    for (const o of obligationsOf(state, calendar, { today }))
      if (o.escalates && (o.status === 'breached' || o.status === 'met-late'))
        overdue.add(`${id}_${o.obligation}_${o.dueOn}`);
  return overdue;
}

/**
 * Every active read model of the workers (schema READ_SCHEMA) equals a fresh rebuild of it from the log
 * (in the schema `rebuilt`); answers the live rows.
 */
export async function expectReadModelsEqualRebuild(
  store: EventStore,
  databaseUrl: string,
  projections: Projection[],
): Promise<Record<string, Record<string, unknown[]>>> {
  const live = await ProjectionDatabase.open(await PostgresSql.open({ url: databaseUrl, schema: READ_SCHEMA }));
  const rebuilt = await ProjectionDatabase.open(await PostgresSql.open({ url: databaseUrl, schema: 'rebuilt' }));
  try {
    const dumps = await liveAndRebuilt(store, projections, live, rebuilt);
    for (const name of projections.map((p) => p.name))
      expect({ name, rows: dumps.live[name] }).toEqual({ name, rows: dumps.rebuilt[name] });
    return dumps.live;
  } finally {
    await Promise.all([live.close(), rebuilt.close()]);
  }
}
