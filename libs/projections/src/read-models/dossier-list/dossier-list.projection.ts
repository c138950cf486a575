import {
  correctedLegalDate,
  dossierIdOfStream,
  correctedText,
  eventLegalDate,
  isStepEvent,
  probationEndOf,
  stageAfter,
  type RuleSet,
} from '@ketnap/domain';
import type { ColumnCipher, DecodedEnvelope } from '@ketnap/event-store';
import type { Projection } from '../../projection';
import { dossierRowsProjection } from '../dossier-rows';
import type { HeldDossiersTuning, Nomination } from '../held-dossiers';

export const DOSSIER_LIST = 'dossier-list';

/** A dossier's row by column, as memory holds it. */
type ListRow = {
  branch_id: string;
  nominated_by: string;
  stage: string;
  probation_ends_on: string | null;
  /** The candidate's name sealed (`ColumnCipher`), null once erased. */
  full_name: string | null;
  /** The blind index of the name (`ColumnCipher.searchTokens`), empty once erased. */
  search_key: string;
  nominated_on: string;
  last_step_on: string;
  decided_on: string | null;
  position: number;
  anchor_id: string;
  anchor_on: string;
  /** Awareness-class certificates recorded after the anchor: `<eventId>=<date>;` each. */
  certificates: string;
};

/**
 * One row per dossier for `GET /dossiers`: branch, nominating unit, stage as the events leave it,
 * the candidate's display name, sealed, and its blind search index (personal data, DESIGN.md §9:
 * neither shows the name to a reader of the database), nomination, last step and decision dates.
 *
 * The last step date is the latest legal date of the main-line steps. By the domain's date rule
 * (DOMAIN.md §2: a step is never dated before the previous one, which a correction re-checks; only
 * the awareness-class certificate may be older) it is the date of the latest other step, the
 * `anchor`, or of a certificate recorded after it. So the row keeps the anchor and those certificates
 * (`<eventId>=<date>;`), enough to recompute it when a correction changes a date.
 */
/**
 * `cipher`: seals the name and makes its search tokens; `ruleSets`: the engine's loaded rule sets (the
 * probation's length), default: the built-in ones.
 */
export function dossierListProjection(
  cipher: ColumnCipher,
  tuning: HeldDossiersTuning = {},
  ruleSets?: readonly RuleSet[],
): Projection {
  const names = nameColumns(cipher);
  return dossierRowsProjection<ListRow>(
    {
      name: DOSSIER_LIST,
      // Version 3 seals the name and keeps a blind index instead of the folded name.
      version: 3,
      // Every step moves the row; the name is sealed and indexed.
      cost: 6,
      table: 'dossiers',
      columns: [
        'branch_id',
        'nominated_by',
        'stage',
        'probation_ends_on',
        'full_name',
        'search_key',
        'nominated_on',
        'last_step_on',
        'decided_on',
        'position',
        'anchor_id',
        'anchor_on',
        'certificates',
      ],
      tables: ({ table }) => `
        CREATE TABLE ${table('dossiers')} (
          dossier_id TEXT PRIMARY KEY, branch_id TEXT NOT NULL, nominated_by TEXT NOT NULL, stage TEXT NOT NULL,
          probation_ends_on TEXT, full_name TEXT, search_key TEXT NOT NULL, nominated_on TEXT NOT NULL,
          last_step_on TEXT NOT NULL, decided_on TEXT, version INTEGER NOT NULL, position INTEGER NOT NULL,
          anchor_id TEXT NOT NULL, anchor_on TEXT NOT NULL, certificates TEXT NOT NULL
        ) WITHOUT ROWID;`,
      indexes: ({ table }) => `
        CREATE INDEX IF NOT EXISTS ${table('by_nomination')} ON ${table('dossiers')} (nominated_on, dossier_id);
        CREATE INDEX IF NOT EXISTS ${table('by_branch')} ON ${table('dossiers')} (branch_id, nominated_on, dossier_id);`,
      nominated: (e) => nominated(e, names),
      next: (r, e) => next(r, e, names, ruleSets),
    },
    tuning,
  );
}

/** The name columns of a dossier's row: the name sealed for the dossier, and its search tokens. */
type NameColumns = (dossierId: string, fullName: string | null) => Pick<ListRow, 'full_name' | 'search_key'>;

const nameColumns =
  (cipher: ColumnCipher): NameColumns =>
  (dossierId, fullName) => ({
    full_name: cipher.seal(`${dossierId}/full_name`, fullName),
    search_key: fullName === null ? '' : cipher.searchTokens(fullName),
  });

function nominated(e: Nomination, names: NameColumns): ListRow {
  const { branchId, nominatedBy, nominatedOn, personal } = e.data;
  return {
    branch_id: branchId,
    nominated_by: nominatedBy,
    stage: 'nominated',
    probation_ends_on: null,
    // A nomination read back after its dossier's erasure has no personal part.
    ...names(dossierIdOfStream(e.streamId)!, personal?.fullName ?? null),
    nominated_on: nominatedOn,
    last_step_on: nominatedOn,
    decided_on: null,
    position: e.globalPosition,
    anchor_id: e.eventId,
    anchor_on: nominatedOn,
    certificates: '',
  };
}

function next(r: ListRow, e: DecodedEnvelope, names: NameColumns, ruleSets: readonly RuleSet[] | undefined): void {
  r.position = e.globalPosition;
  if (e.type === 'StepCorrected') correct(r, e, names, ruleSets);
  // Erased: the name and its search tokens go; a rebuild finds no name in the events either.
  else if (e.type === 'PersonalDataErased') Object.assign(r, names(dossierIdOfStream(e.streamId)!, null));
  else if (e.type !== 'CandidateNominated') advance(r, e, ruleSets);
}

const entry = (eventId: string, on: string) => `${eventId}=${on};`;

/** A later step: the stage and dates it moves (a side step or a recorded breach moves only the version). */
function advance(r: ListRow, e: DecodedEnvelope, ruleSets: readonly RuleSet[] | undefined): void {
  if (!isStepEvent(e)) return;
  if (e.type === 'DossierTransferred' && e.data.toBranchId) r.branch_id = e.data.toBranchId;
  const stage = stageAfter(e);
  if (stage === null) return;
  r.stage = stage;
  if ((e.type === 'AdmissionDecided' || e.type === 'AdmissionRefused') && e.data.decidedOn)
    r.decided_on = e.data.decidedOn;
  if (e.type === 'CeremonyHeld' && e.data.heldOn)
    r.probation_ends_on = probationEndOf(e.data.heldOn, e.data.ruleSet, ruleSets);
  const on = eventLegalDate(e);
  if (on === undefined) return;
  if (on > r.last_step_on) r.last_step_on = on;
  if (e.type === 'TrainingCompleted') r.certificates += entry(e.eventId, on);
  else {
    r.anchor_id = e.eventId;
    r.anchor_on = on;
    r.certificates = '';
  }
}

function correct(
  r: ListRow,
  e: Extract<DecodedEnvelope, { type: 'StepCorrected' }>,
  names: NameColumns,
  ruleSets: readonly RuleSet[] | undefined,
): void {
  const c = e.data;
  const on = correctedLegalDate(c);
  if (c.targetType === 'CandidateNominated') {
    r.branch_id = correctedText(c, 'branchId') ?? r.branch_id;
    r.nominated_by = correctedText(c, 'nominatedBy') ?? r.nominated_by;
    r.nominated_on = on ?? r.nominated_on;
    const fullName = c.personal?.changes?.fullName;
    if (typeof fullName === 'string' && fullName !== '')
      Object.assign(r, names(dossierIdOfStream(e.streamId)!, fullName));
  } else if (on !== undefined && (c.targetType === 'AdmissionDecided' || c.targetType === 'AdmissionRefused'))
    r.decided_on = on;
  else if (on !== undefined && c.targetType === 'CeremonyHeld')
    r.probation_ends_on = probationEndOf(on, c.targetRuleSet, ruleSets);
  if (on !== undefined) redate(r, c.eventId, on);
}

/** A corrected step date: the anchor's or a later certificate's moves the last step date; an earlier step's cannot. */
function redate(r: ListRow, eventId: string, on: string): void {
  if (r.anchor_id === eventId) r.anchor_on = on;
  const certificates = r.certificates
    .split(';')
    .filter(Boolean)
    .map((item) => item.split('='))
    .map(([certificate, date]) => [certificate, certificate === eventId ? on : date]);
  r.certificates = certificates.map(([certificate, date]) => entry(certificate, date)).join('');
  r.last_step_on = certificates.reduce((max, [, date]) => (date > max ? date : max), r.anchor_on);
}
