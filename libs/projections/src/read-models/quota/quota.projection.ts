import type { CandidateNominated, OrgUnit, Plan, StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { correctedField, correctedStepDate, dossierIdOf } from '../dossier-events';

export const QUOTA = 'quota';

/** Event types of the unit catalog (`units`) and of the yearly plans (`plan-<year>`). */
export const UNIT_RECORDED = 'UnitRecorded';
export const PLAN_ADOPTED = 'PlanAdopted';

/**
 * What the quota report counts (DOMAIN.md §5): the unit catalog, each year's plan as last adopted,
 * and per dossier the facts the counting rules read (branch, nominating unit, nomination date,
 * decision date and outcome) as corrected. `exists_on` (the nomination's recorded legal date) and the
 * earliest and latest values each date ever had bound which dossiers a report "as of" a past date
 * must fold again.
 */
export function quotaProjection(): SqliteProjection {
  return { name: QUOTA, version: 1, create, apply };
}

function create({ db, table }: ProjectionContext): void {
  db.exec(`
    CREATE TABLE ${table('units')} (unit_id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, block TEXT, parent_id TEXT) WITHOUT ROWID;
    CREATE TABLE ${table('plans')} (year INTEGER PRIMARY KEY, plan TEXT NOT NULL, version INTEGER NOT NULL);
    CREATE TABLE ${table('dossiers')} (
      dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, nominated_by TEXT NOT NULL, nominated_on TEXT NOT NULL,
      decided_on TEXT, outcome TEXT, exists_on TEXT NOT NULL,
      nominated_min TEXT NOT NULL, nominated_max TEXT NOT NULL, decided_min TEXT, decided_max TEXT
    ) WITHOUT ROWID;
    CREATE INDEX ${table('by_nomination')} ON ${table('dossiers')} (nominated_on);
    CREATE INDEX ${table('by_decision')} ON ${table('dossiers')} (decided_on) WHERE decided_on IS NOT NULL;
  `);
}

function apply(ctx: ProjectionContext, events: EventEnvelope[]): void {
  const { prepare, table } = ctx;
  const dossiers = table('dossiers');
  const decide = prepare(
    `UPDATE ${dossiers} SET decided_on = @on, outcome = COALESCE(@outcome, outcome), decided_min = MIN(COALESCE(decided_min, @on), @on),
       decided_max = MAX(COALESCE(decided_max, @on), @on) WHERE dossier_id = @id`,
  );
  for (const e of events) {
    if (e.type === UNIT_RECORDED) {
      const u = e.data as OrgUnit;
      prepare(`INSERT OR REPLACE INTO ${table('units')} VALUES (?, ?, ?, ?, ?)`).run(u.unitId, u.name, u.kind, u.block ?? null, u.parentId ?? null);
      continue;
    }
    if (e.type === PLAN_ADOPTED) {
      prepare(`INSERT OR REPLACE INTO ${table('plans')} VALUES (?, ?, ?)`).run((e.data as Plan).year, JSON.stringify(e.data), e.streamVersion);
      continue;
    }
    const id = dossierIdOf(e.streamId);
    if (id === undefined) continue;
    if (e.type === 'CandidateNominated') {
      const { branchId, nominatedBy, nominatedOn } = e.data as CandidateNominated['data'];
      const existsOn = e.metadata.occurredOn ?? nominatedOn;
      prepare(`INSERT INTO ${dossiers} VALUES (?, ?, ?, ?, NULL, NULL, ?, ?, ?, NULL, NULL)`).run(id, branchId, nominatedBy, nominatedOn, existsOn, nominatedOn, nominatedOn);
    } else if (e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') {
      const { decidedOn, outcome } = e.data as { decidedOn: string; outcome: string };
      decide.run({ on: decidedOn, outcome, id });
    } else if (e.type === 'StepCorrected') {
      correct(ctx, id, e.data as StepCorrected['data'], decide);
    }
  }
}

function correct({ prepare, table }: ProjectionContext, id: string, c: StepCorrected['data'], decide: ReturnType<ProjectionContext['prepare']>): void {
  const on = correctedStepDate(c);
  if (c.targetType === 'CandidateNominated') {
    prepare(
      `UPDATE ${table('dossiers')} SET branch_id = COALESCE(@branch, branch_id), nominated_by = COALESCE(@by, nominated_by), nominated_on = COALESCE(@on, nominated_on),
         nominated_min = MIN(nominated_min, COALESCE(@on, nominated_min)), nominated_max = MAX(nominated_max, COALESCE(@on, nominated_max)) WHERE dossier_id = @id`,
    ).run({ branch: correctedField(c, 'branchId') ?? null, by: correctedField(c, 'nominatedBy') ?? null, on: on ?? null, id });
  } else if (on !== undefined && (c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused')) {
    decide.run({ on, outcome: null, id });
  }
}
