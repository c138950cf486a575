import {
  PLAN_ADOPTED,
  UNIT_RECORDED,
  type CandidateNominated,
  type OrgUnit,
  type Plan,
  type StepCorrected,
} from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { correctedField, correctedStepDate } from '../dossier-events';
import { dossierRowsProjection } from '../dossier-rows';
import type { HeldDossiersTuning } from '../held-dossiers';

export const QUOTA = 'quota';

/**
 * What the quota report counts (DOMAIN.md §5): the unit catalog, each year's plan as last adopted,
 * and per dossier the facts the counting rules read (branch, nominating unit, nomination date,
 * decision date and outcome) as corrected. `exists_on` (the nomination's recorded legal date) and the
 * earliest and latest values each date ever had bound which dossiers a report "as of" a past date
 * must fold again.
 */
export function quotaProjection(tuning: HeldDossiersTuning = {}): SqliteProjection {
  return dossierRowsProjection<QuotaRow>(
    {
      name: QUOTA,
      version: 2,
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
      ],
      tables: ({ table }) => `
        CREATE TABLE ${table('units')} (unit_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, block TEXT, parent_id TEXT) WITHOUT ROWID;
        CREATE TABLE ${table('plans')} (year INTEGER PRIMARY KEY, plan TEXT NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE ${table('dossiers')} (
          dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, nominated_by TEXT NOT NULL, nominated_on TEXT NOT NULL,
          decided_on TEXT, outcome TEXT, exists_on TEXT NOT NULL,
          nominated_min TEXT NOT NULL, nominated_max TEXT NOT NULL, decided_min TEXT, decided_max TEXT, version INTEGER NOT NULL
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
};

/** The unit catalog and the plans. */
function catalog({ prepare, table }: ProjectionContext, e: EventEnvelope): void {
  if (e.type === UNIT_RECORDED) {
    const u = e.data as OrgUnit;
    prepare(`INSERT OR REPLACE INTO ${table('units')} VALUES (?, ?, ?, ?, ?)`).run(
      u.unitId,
      u.name,
      u.kind,
      u.block ?? null,
      u.parentId ?? null,
    );
  } else if (e.type === PLAN_ADOPTED) {
    prepare(`INSERT OR REPLACE INTO ${table('plans')} VALUES (?, ?, ?)`).run(
      (e.data as Plan).year,
      JSON.stringify(e.data),
      e.streamVersion,
    );
  }
}

function nominated(e: EventEnvelope): QuotaRow {
  const { branchId, nominatedBy, nominatedOn } = e.data as CandidateNominated['data'];
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
  };
}

function next(r: QuotaRow, e: EventEnvelope): void {
  if (e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') {
    const { decidedOn, outcome } = e.data as { decidedOn: string; outcome: string };
    decide(r, decidedOn, outcome);
  } else if (e.type === 'StepCorrected') {
    const c = e.data as StepCorrected['data'];
    const on = correctedStepDate(c);
    if (c.targetType === 'CandidateNominated') {
      r.branch_id = correctedField(c, 'branchId') ?? r.branch_id;
      r.nominated_by = correctedField(c, 'nominatedBy') ?? r.nominated_by;
      if (on !== undefined) {
        r.nominated_on = on;
        r.nominated_min = min(r.nominated_min, on);
        r.nominated_max = max(r.nominated_max, on);
      }
    } else if (on !== undefined && (c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused')) {
      decide(r, on, null);
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
