import { inLists, type DecodedEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, Projection } from '../projection';
import { HeldDossiers, type HeldDossiersTuning, type Nomination } from './held-dossiers';

/** A row as memory holds it: its columns (after `dossier_id`, `version` left out) by name. */
export type Row = Record<string, string | number | null>;

/**
 * A read model with one row per dossier (DESIGN.md §6): what it stores and how an event changes the
 * row; `dossierRowsProjection` does the rest (memory, reading and writing rows, indexes, rebuilds).
 */
export interface DossierRowsModel<T extends Row> {
  name: string;
  /** Bump it when the tables or what an event does to a row change. */
  version: number;
  /** See `Projection.cost`. */
  cost?: number;
  /** The logical table of the rows: `dossier_id` (primary key), the `columns` and `version`. */
  table: string;
  /** The columns of a row after `dossier_id`, `version` left out: the keys of `T`. */
  columns: ReadonlyArray<keyof T & string>;
  /** The SQL that creates the read model's tables, the row table among them. */
  tables(ctx: ProjectionContext): string;
  /** The SQL of its query indexes (`IF NOT EXISTS`): built with the tables live, at the swap while building. */
  indexes?(ctx: ProjectionContext): string;
  /** The row a `CandidateNominated` event starts. */
  nominated(e: Nomination): T;
  /** Changes the row for a later event of its dossier. */
  next(row: T, e: DecodedEnvelope): void;
  /** An event of another stream (the unit catalog, a plan). */
  other?(ctx: ProjectionContext, e: DecodedEnvelope): Promise<void>;
}

/**
 * The projection of a row-per-dossier read model: rows changed in memory and written whole
 * (`HeldDossiers.applyRows`). Live, each page reads the rows it touches and writes them back; a
 * rebuild writes each row about once, and builds the query indexes at the swap.
 */
export function dossierRowsProjection<T extends Row>(
  model: DossierRowsModel<T>,
  tuning: HeldDossiersTuning = {},
): Projection {
  const written = [...model.columns, 'version'];
  const memory = new HeldDossiers<T>({
    building: Math.max(1, tuning.cachedDossiers ?? 8_192),
    live: 0,
    window: Math.max(1, tuning.replayWindow ?? 100_000),
    table: model.table,
    write: ({ sql, table }, dossiers) =>
      HeldDossiers.upsert(
        sql,
        table(model.table),
        written,
        dossiers.map(([dossierId, { version, value }]) => [dossierId, ...model.columns.map((c) => value[c]), version]),
      ),
  });
  const read = async ({ sql, table }: ProjectionContext, dossierIds: readonly string[]) => {
    const found = new Map<string, { version: number; value: T }>();
    for (const { list, values } of inLists(dossierIds)) {
      const stored = await sql.all<T & { dossier_id: string; version: number }>(
        `SELECT dossier_id, ${written.join(', ')} FROM ${table(model.table)} WHERE dossier_id IN (${list})`,
        values,
      );
      for (const { dossier_id, version, ...value } of stored)
        found.set(dossier_id, { version, value: value as unknown as T });
    }
    return found;
  };
  const rows = { read, nominated: model.nominated, next: model.next };
  const other = model.other && ((ctx: ProjectionContext, e: DecodedEnvelope) => model.other!(ctx, e));
  const fold = (ctx: ProjectionContext, events: DecodedEnvelope[]) => () => memory.applyRows(ctx, events, rows, other);
  const indexes = async (ctx: ProjectionContext) => {
    if (model.indexes) await ctx.sql.exec(model.indexes(ctx));
  };
  return {
    name: model.name,
    version: model.version,
    cost: model.cost,
    create: async (ctx) => {
      await ctx.sql.exec(`${model.tables(ctx)}\n${HeldDossiers.replayTable(ctx)}`);
      if (!ctx.building) await indexes(ctx);
    },
    // Building, a page is folded before its transaction, which then only writes (see `HeldDossiers.prepare`).
    load: async (ctx, events) => {
      if (ctx.building) await memory.prepare(ctx, events, fold(ctx, events));
    },
    apply: (ctx, events) =>
      ctx.building ? memory.applyPrepared(ctx, events, fold(ctx, events)) : memory.applyRows(ctx, events, rows, other),
    resume: (ctx) => memory.resume(ctx),
    complete: async (ctx) => {
      await memory.complete(ctx);
      await indexes(ctx);
    },
  };
}
