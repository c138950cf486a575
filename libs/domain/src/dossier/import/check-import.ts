import { DomainError } from '../../errors/domain-error';
import { isLocalDate } from '../../time/local-date';
import type { DecideContext } from '../context';
import { decide } from '../decide';
import { beforeRuleSets } from '../decide/legacy-step';
import { evolve } from '../evolve';
import { initialState, type DossierState } from '../state';
import type { ImportDossier, ImportRow } from './import-rows';

/** A dossier of the spreadsheet as the decider judged it, before anything is written. */
export type ImportVerdict =
  | { ok: true; key: string; rows: ImportRow[]; legacy: boolean; state: DossierState }
  | { ok: false; key: string; rows: ImportRow[]; legacy: boolean; row: number; step: string; error: DomainError };

/** A dossier whose nomination is dated before the first rule set comes in as history (`legacy`). */
export function isLegacyDossier(dossier: ImportDossier, ctx: DecideContext): boolean {
  const first = dossier.rows[0]?.command;
  return (
    first?.type === 'NominateCandidate' &&
    isLocalDate(first.data.nominatedOn) &&
    beforeRuleSets(first.data.nominatedOn, ctx)
  );
}

/**
 * Judges a dossier's rows one after the other with the decider, folding what each records into a
 * scratch state (no store): the first refused row, with its rule code, or the dossier as it would
 * stand. A dossier begun before the first rule set is judged with `ctx.legacy`.
 */
export function checkImportDossier(dossier: ImportDossier, ctx: DecideContext): ImportVerdict {
  const { key, rows } = dossier;
  const legacy = isLegacyDossier(dossier, ctx);
  const judged: DecideContext = legacy ? { ...ctx, legacy: true } : ctx;
  let state = initialState();
  for (const row of rows) {
    try {
      if (row.error) throw row.error;
      decide(row.command!, state, judged).forEach((event, i) => {
        state = evolve(state, { ...event, eventId: `row-${row.row}-${i + 1}` });
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ok: false, key, rows, legacy, row: row.row, step: row.step, error };
    }
  }
  return { ok: true, key, rows, legacy, state };
}
