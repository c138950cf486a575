import type { CandidateNominated, StepCorrected } from '@ketnap/domain';
import type { EventEnvelope } from '@ketnap/event-store';
import type { ProjectionContext, SqliteProjection } from '../../projection';
import { STAGE_AFTER, correctedField, correctedStepDate, isStepEvent, probationEndOf, stepDateOf } from '../dossier-events';
import { HeldDossiers, type Held, type HeldDossiersTuning } from '../held-dossiers';
import { searchKeyOf } from '../search-key';

export const DOSSIER_LIST = 'dossier-list';

/** A dossier's row, as memory holds it (the version is the held one). */
interface ListRow {
  branchId: string;
  nominatedBy: string;
  stage: string;
  probationEndsOn: string | null;
  fullName: string;
  searchKey: string;
  nominatedOn: string;
  lastStepOn: string;
  decidedOn: string | null;
  position: number;
  anchorId: string;
  anchorOn: string;
  /** Awareness-class certificates recorded after the anchor: event id and date. */
  certificates: Array<[eventId: string, on: string]>;
}

/**
 * One row per dossier for `GET /dossiers`: branch, nominating unit, stage as the events leave it,
 * the candidate's display name and its diacritics-folded search key (personal data: never logged),
 * nomination, last step and decision dates.
 *
 * The last step date is the latest legal date of the main-line steps. By the domain's date rule
 * (DOMAIN.md §2: a step is never dated before the previous one, which a correction re-checks; only
 * the awareness-class certificate may be older) it is the date of the latest other step, the
 * `anchor`, or of a certificate recorded after it. So the row keeps the anchor and those certificates
 * (`<eventId>=<date>;`), enough to recompute it when a correction changes a date.
 *
 * Rows are changed in memory and written whole (`HeldDossiers`): live, each page reads the rows it
 * touches and writes them back; a rebuild writes each row about once, and builds the query indexes
 * at the swap.
 */
export function dossierListProjection(tuning: HeldDossiersTuning = {}): SqliteProjection {
  const memory = HeldDossiers.forRows<ListRow>(tuning, 'dossiers', write);
  return {
    name: DOSSIER_LIST,
    version: 2,
    create: (ctx) => {
      const { db, table } = ctx;
      db.exec(`
        CREATE TABLE ${table('dossiers')} (
          dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, nominated_by TEXT NOT NULL, stage TEXT NOT NULL,
          probation_ends_on TEXT, full_name TEXT NOT NULL, search_key TEXT NOT NULL, nominated_on TEXT NOT NULL,
          last_step_on TEXT NOT NULL, decided_on TEXT, version INTEGER NOT NULL, position INTEGER NOT NULL,
          anchor_id TEXT NOT NULL, anchor_on TEXT NOT NULL, certificates TEXT NOT NULL
        ) WITHOUT ROWID;
        ${HeldDossiers.replayTable(ctx)}
      `);
      if (!ctx.building) createQueryIndexes(ctx);
    },
    apply: (ctx, events) => memory.applyRows(ctx, events, { read, nominated, next }),
    resume: (ctx) => memory.resume(ctx),
    complete: (ctx) => {
      memory.complete(ctx);
      createQueryIndexes(ctx);
    },
  };
}

function createQueryIndexes({ db, table }: ProjectionContext): void {
  db.exec(`
    CREATE INDEX IF NOT EXISTS ${table('by_nomination')} ON ${table('dossiers')} (nominated_on, dossier_id);
    CREATE INDEX IF NOT EXISTS ${table('by_branch')} ON ${table('dossiers')} (branch_id, nominated_on, dossier_id);
  `);
}

interface StoredRow {
  branch_id: string;
  nominated_by: string;
  stage: string;
  probation_ends_on: string | null;
  full_name: string;
  search_key: string;
  nominated_on: string;
  last_step_on: string;
  decided_on: string | null;
  version: number;
  position: number;
  anchor_id: string;
  anchor_on: string;
  certificates: string;
}

function read({ prepare, table }: ProjectionContext, id: string): { version: number; value: ListRow } | undefined {
  const row = prepare<[string], StoredRow>(`SELECT * FROM ${table('dossiers')} WHERE dossier_id = ?`).get(id);
  if (!row) return undefined;
  const value: ListRow = {
    branchId: row.branch_id,
    nominatedBy: row.nominated_by,
    stage: row.stage,
    probationEndsOn: row.probation_ends_on,
    fullName: row.full_name,
    searchKey: row.search_key,
    nominatedOn: row.nominated_on,
    lastStepOn: row.last_step_on,
    decidedOn: row.decided_on,
    position: row.position,
    anchorId: row.anchor_id,
    anchorOn: row.anchor_on,
    certificates: row.certificates
      .split(';')
      .filter(Boolean)
      .map((item) => item.split('=') as [string, string]),
  };
  return { version: row.version, value };
}

const COLUMNS = ['branch_id', 'nominated_by', 'stage', 'probation_ends_on', 'full_name', 'search_key', 'nominated_on', 'last_step_on', 'decided_on', 'version', 'position', 'anchor_id', 'anchor_on', 'certificates'];

function write({ prepare, table }: ProjectionContext, id: string, { version, value: r }: Held<ListRow>): void {
  prepare(HeldDossiers.upsert(table('dossiers'), COLUMNS)).run(
    id,
    r.branchId,
    r.nominatedBy,
    r.stage,
    r.probationEndsOn,
    r.fullName,
    r.searchKey,
    r.nominatedOn,
    r.lastStepOn,
    r.decidedOn,
    version,
    r.position,
    r.anchorId,
    r.anchorOn,
    r.certificates.map(([eventId, on]) => `${eventId}=${on};`).join(''),
  );
}

function nominated(e: EventEnvelope): ListRow {
  const { branchId, nominatedBy, nominatedOn, personal } = e.data as CandidateNominated['data'];
  return {
    branchId,
    nominatedBy,
    stage: 'nominated',
    probationEndsOn: null,
    fullName: personal.fullName,
    searchKey: searchKeyOf(personal.fullName),
    nominatedOn,
    lastStepOn: nominatedOn,
    decidedOn: null,
    position: e.globalPosition,
    anchorId: e.eventId,
    anchorOn: nominatedOn,
    certificates: [],
  };
}

function next(r: ListRow, e: EventEnvelope): void {
  r.position = e.globalPosition;
  if (e.type === 'StepCorrected') correct(r, (e.data as StepCorrected['data']));
  else if (e.type !== 'CandidateNominated') advance(r, e);
}

/** A later step: the stage and dates it moves (a side step or a recorded breach moves only the version). */
function advance(r: ListRow, e: EventEnvelope): void {
  const stage = isStepEvent(e.type) ? STAGE_AFTER[e.type] : null;
  if (stage === null) return;
  r.stage = stage;
  const data = e.data as { decidedOn?: string; heldOn?: string; ruleSet?: string };
  if ((e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') && data.decidedOn) r.decidedOn = data.decidedOn;
  if (e.type === 'CeremonyHeld' && data.heldOn) r.probationEndsOn = probationEndOf(data.heldOn, data.ruleSet);
  const on = stepDateOf(e);
  if (on === undefined) return;
  if (on > r.lastStepOn) r.lastStepOn = on;
  if (e.type === 'TrainingCompleted') r.certificates.push([e.eventId, on]);
  else {
    r.anchorId = e.eventId;
    r.anchorOn = on;
    r.certificates = [];
  }
}

function correct(r: ListRow, c: StepCorrected['data']): void {
  const on = correctedStepDate(c);
  if (c.targetType === 'CandidateNominated') {
    r.branchId = correctedField(c, 'branchId') ?? r.branchId;
    r.nominatedBy = correctedField(c, 'nominatedBy') ?? r.nominatedBy;
    r.nominatedOn = on ?? r.nominatedOn;
    const fullName = c.personal?.fullName;
    if (fullName) {
      r.fullName = fullName;
      r.searchKey = searchKeyOf(fullName);
    }
  } else if (on !== undefined && (c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused')) r.decidedOn = on;
  else if (on !== undefined && c.targetType === 'CeremonyHeld') r.probationEndsOn = probationEndOf(on, c.targetRuleSet);
  if (on !== undefined) redate(r, c.eventId, on);
}

/** A corrected step date: the anchor's or a later certificate's moves the last step date; an earlier step's cannot. */
function redate(r: ListRow, eventId: string, on: string): void {
  if (r.anchorId === eventId) r.anchorOn = on;
  r.certificates = r.certificates.map(([certificate, date]) => [certificate, certificate === eventId ? on : date]);
  r.lastStepOn = r.certificates.reduce((max, [, date]) => (date > max ? date : max), r.anchorOn);
}
