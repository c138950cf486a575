import { correctedLegalDate, correctedText } from '@ketnap/domain';
import type { DecodedEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, Projection } from '../../projection';
import { dossierRowsProjection } from '../dossier-rows';
import type { HeldDossiersTuning, Nomination } from '../held-dossiers';

export const QUOTA = 'quota';

/**
 * What the quota report counts (DOMAIN.md §5): the unit catalog, each year's plan as last adopted,
 * and per dossier the facts the counting rules read (branch, nominating unit, nomination date,
 * decision date and outcome) as corrected. `exists_on` (the nomination's recorded legal date) and the
 * earliest and latest values each date ever had bound which dossiers a report "as of" a past date
 * must fold again.
 */
export function quotaProjection(tuning: HeldDossiersTuning = {}): Projection {
  return dossierRowsProjection<QuotaRow>(
    {
      name: QUOTA,
      version: 4,
      cost: 3,
      table: 'dossiers',
      columns: [
        'branch_id',
        'nominated_by',
        'nominated_on',
        'decided_on',
        'outcome',
        'exists_on',
        'nominated_min',
        'nominated_max',
        'decided_min',
        'decided_max',
        'transfers',
      ],
      tables: ({ table }) => `
        CREATE TABLE ${table('units')} (unit_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, block TEXT, parent_id TEXT) WITHOUT ROWID;
        CREATE TABLE ${table('plans')} (committee_id TEXT NOT NULL, year INTEGER NOT NULL, plan TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (committee_id, year)) WITHOUT ROWID;
        CREATE TABLE ${table('dossiers')} (
          dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, nominated_by TEXT NOT NULL, nominated_on TEXT NOT NULL,
          decided_on TEXT, outcome TEXT, exists_on TEXT NOT NULL,
          nominated_min TEXT NOT NULL, nominated_max TEXT NOT NULL, decided_min TEXT, decided_max TEXT, transfers TEXT,
          version INTEGER NOT NULL
        ) WITHOUT ROWID;`,
      indexes: ({ table }) => `
        CREATE INDEX IF NOT EXISTS ${table('by_nomination')} ON ${table('dossiers')} (nominated_on);
        CREATE INDEX IF NOT EXISTS ${table('by_decision')} ON ${table('dossiers')} (decided_on) WHERE decided_on IS NOT NULL;`,
      nominated,
      next,
      other: catalog,
    },
    tuning,
  );
}

/** A dossier's counting facts, as memory holds them. */
type QuotaRow = {
  branch_id: string;
  nominated_by: string;
  nominated_on: string;
  decided_on: string | null;
  outcome: string | null;
  exists_on: string;
  nominated_min: string;
  nominated_max: string;
  decided_min: string | null;
  decided_max: string | null;
  /** Transfers to another branch, `<eventId>@<date>=<branch>;` each, oldest first: the branch of a decision is the one holding it on its date. */
  transfers: string | null;
};

/**
 * The unit catalog and the plans, one per committee and year: a plan's committee is the one it names,
 * else the only party committee (the first by id), as the plan streams read it (API.md "Committees …").
 */
async function catalog({ sql, table }: ProjectionContext, e: DecodedEnvelope): Promise<void> {
  if (e.type === 'UnitRecorded') {
    const u = e.data;
    await sql.run(
      `INSERT INTO ${table('units')} VALUES (?, ?, ?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET
         name = excluded.name, kind = excluded.kind, block = excluded.block, parent_id = excluded.parent_id`,
      [u.unitId, u.name, u.kind, u.block ?? null, u.parentId ?? null],
    );
  } else if (e.type === 'PlanAdopted') {
    const only = await sql.get<{ unit_id: string }>(
      `SELECT unit_id FROM ${table('units')} WHERE kind = 'party-committee' ORDER BY unit_id LIMIT 1`,
    );
    await sql.run(
      `INSERT INTO ${table('plans')} VALUES (?, ?, ?, ?) ON CONFLICT (committee_id, year) DO UPDATE SET
         plan = excluded.plan, version = excluded.version`,
      [e.data.committeeId ?? only?.unit_id ?? '', e.data.year, JSON.stringify(e.data), e.streamVersion],
    );
  }
}

function nominated(e: Nomination): QuotaRow {
  const { branchId, nominatedBy, nominatedOn } = e.data;
  return {
    branch_id: branchId,
    nominated_by: nominatedBy,
    nominated_on: nominatedOn,
    decided_on: null,
    outcome: null,
    exists_on: e.metadata.occurredOn ?? nominatedOn,
    nominated_min: nominatedOn,
    nominated_max: nominatedOn,
    decided_min: null,
    decided_max: null,
    transfers: null,
  };
}

function next(r: QuotaRow, e: DecodedEnvelope): void {
  if (e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') {
    decide(r, e.data.decidedOn, e.data.outcome);
  } else if (e.type === 'DossierTransferred') {
    r.transfers = `${r.transfers ?? ''}${e.eventId}@${e.data.transferredOn}=${e.data.toBranchId};`;
  } else if (e.type === 'StepCorrected') {
    const c = e.data;
    const on = correctedLegalDate(c);
    if (c.targetType === 'CandidateNominated') {
      r.branch_id = correctedText(c, 'branchId') ?? r.branch_id;
      r.nominated_by = correctedText(c, 'nominatedBy') ?? r.nominated_by;
      if (on !== undefined) {
        r.nominated_on = on;
        r.nominated_min = min(r.nominated_min, on);
        r.nominated_max = max(r.nominated_max, on);
      }
    } else if (on !== undefined && (c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused')) {
      decide(r, on, null);
    } else if (on !== undefined && c.targetType === 'DossierTransferred' && r.transfers) {
      r.transfers = r.transfers.replace(new RegExp(`(^|;)${c.eventId}@[^=]*=`), `$1${c.eventId}@${on}=`);
    }
  }
}

/** A decision, or its corrected date: the earliest and latest dates it ever had bound what a report "as of" a past date folds again. */
function decide(r: QuotaRow, on: string, outcome: string | null): void {
  r.decided_on = on;
  r.outcome = outcome ?? r.outcome;
  r.decided_min = min(r.decided_min ?? on, on);
  r.decided_max = max(r.decided_max ?? on, on);
}

const min = (a: string, b: string): string => (b < a ? b : a);
const max = (a: string, b: string): string => (b > a ? b : a);

/** The branch holding a dossier on `date`, from its nomination branch and its `transfers` column. */
export function branchHeldOn(branchId: string, transfers: string | null, date: string): string {
  let held = branchId;
  for (const entry of (transfers ?? '').split(';').filter(Boolean)) {
    const [at, to] = entry.split('=');
    if (at.slice(at.lastIndexOf('@') + 1) <= date) held = to;
  }
  return held;
}
