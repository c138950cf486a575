import {
  checkImportDossier,
  isLocalizable,
  legalDateOf,
  stageOn,
  type Actor,
  type DossierCommand,
  type ImportDossier,
  type ImportVerdict,
  type NominateCandidate,
  type Stage,
} from '@ketnap/domain';
import { DossierService } from './dossier.service';

/** What became of a dossier of the spreadsheet. */
export type ImportStatus = 'imported' | 'already-imported' | 'would-import' | 'refused';

export interface ImportOutcome {
  key: string;
  status: ImportStatus;
  /** Begun before the first rule set: its early steps came in as history, not judged. */
  legacy: boolean;
  /** The spreadsheet rows of the dossier. */
  rows: number[];
  id?: string;
  stage?: Stage;
  /** The first row refused, with the refusal (a `DomainError`, or what a write met). */
  refusal?: { row: number; step: string; error: Error };
}

export interface ImportRunOptions {
  actor: Actor;
  /** Check and report only: nothing is written. */
  dryRun?: boolean;
  /** Called after each dossier with the rows done and the rows in all. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The idempotency key of the `n`-th row of a dossier (the nomination is row 0): from the dossier's
 * key and the branch that nominated it, so the same spreadsheet imported again appends nothing and a
 * dossier number used by two branches gives two dossiers.
 */
const rowKey = (dossier: ImportDossier, n: number): string => {
  const nomination = dossier.rows[0]?.command as NominateCandidate;
  return `import/${nomination.data.branchId}/${dossier.key}/${n}`;
};

/**
 * `ketnap dossiers import`: every dossier is first judged in memory, row after row, by the decider
 * (`checkImportDossier`, the rule set of each step's date, today's real date); a dossier with any
 * refused row is not written at all. The others go through `DossierService`, the one write path,
 * each row with an idempotency key: a second run appends nothing and says so.
 */
export async function importDossiers(
  service: DossierService,
  dossiers: readonly ImportDossier[],
  options: ImportRunOptions,
): Promise<ImportOutcome[]> {
  const { actor } = options;
  const ctx = await service.decideContext(actor);
  const verdicts: ImportVerdict[] = dossiers.map((d) => checkImportDossier(d, ctx));
  const total = dossiers.reduce((n, d) => n + d.rows.length, 0);
  let done = 0;
  const outcomes: ImportOutcome[] = [];
  for (const [i, verdict] of verdicts.entries()) {
    const dossier = dossiers[i];
    const base = { key: verdict.key, legacy: verdict.legacy, rows: verdict.rows.map((r) => r.row) };
    if (!verdict.ok) {
      outcomes.push({
        ...base,
        status: 'refused',
        refusal: { row: verdict.row, step: verdict.step, error: verdict.error },
      });
    } else {
      const id = DossierService.idOfNomination(actor, rowKey(dossier, 0));
      if (options.dryRun) {
        const existing = await service.current(id);
        outcomes.push({
          ...base,
          id,
          status: existing ? 'already-imported' : 'would-import',
          stage: stageOn(verdict.state, legalDateOf(ctx.now)),
        });
      } else outcomes.push(await write(service, dossier, verdict, options));
    }
    done += dossier.rows.length;
    options.onProgress?.(done, total);
  }
  return outcomes;
}

async function write(
  service: DossierService,
  dossier: ImportDossier,
  verdict: Extract<ImportVerdict, { ok: true }>,
  options: ImportRunOptions,
): Promise<ImportOutcome> {
  const base = { key: verdict.key, legacy: verdict.legacy, rows: verdict.rows.map((r) => r.row) };
  const context = (n: number) => ({
    actor: options.actor,
    system: true,
    idempotencyKey: rowKey(dossier, n),
    ...(verdict.legacy && { legacy: true }),
  });
  let appended = false;
  let outcome: Awaited<ReturnType<DossierService['execute']>> | undefined;
  for (const [n, row] of dossier.rows.entries()) {
    const command = row.command as DossierCommand;
    try {
      outcome =
        n === 0
          ? await service.nominate(command as NominateCandidate, context(n))
          : await service.execute(outcome!.id, command, context(n));
    } catch (error) {
      if (!(error instanceof Error) || !isLocalizable(error)) throw error;
      // The dossier changed between the check and the write (another writer): what is written stays.
      return { ...base, status: 'refused', refusal: { row: row.row, step: row.step, error } };
    }
    appended ||= !outcome.duplicate;
  }
  return { ...base, id: outcome!.id, stage: outcome!.stage, status: appended ? 'imported' : 'already-imported' };
}
