import { initialState, type DossierCommand, type OrgUnit } from '@ketnap/domain';
import { FIXTURE_UNITS, command, history } from '@ketnap/domain/testing';
import type { UnitCatalog } from '@ketnap/domain';
import { ActorScope } from './actor-scope';
import { assertReadable, permissionsFor, recordableSteps, writeAccess } from './dossier-access';

const catalog: UnitCatalog = new Map(FIXTURE_UNITS.map((u: OrgUnit) => [u.unitId, { ...u, version: 1 }]));
const scoped = (role: string, unitIds: string[]) => ({
  actor: { role, unitIds },
  scope: ActorScope.of({ role, unitIds }, catalog),
});
const ofDossier = history([command('NominateCandidate'), command('AssignHelpers'), command('RecordTraining')]);
const dossier = ofDossier.state;
const [nomination, helpers] = ofDossier.events;
const correction = (eventId: string): DossierCommand => ({
  type: 'CorrectStep',
  data: { eventId, changes: {}, reason: 'r' },
});
const check =
  (role: string, unitIds: string[], c: DossierCommand, before = dossier, after = dossier) =>
  () => {
    const { actor, scope } = scoped(role, unitIds);
    const access = writeAccess(actor, c, scope);
    access.before(before);
    access.after(after);
  };

describe('writeAccess (API.md "Access")', () => {
  it("lets a secretary record a branch step of its branch's dossier, not of another branch's", () => {
    expect(check('secretary', ['chi-bo-thon-dong-lac'], command('SubmitApplication'))).not.toThrow();
    expect(check('secretary', ['chi-bo-lang-gia'], command('SubmitApplication'))).toThrow(
      expect.objectContaining({ kind: 'forbidden', code: 'FORBIDDEN' }),
    );
  });

  it("refuses a role without the command's permission, and every role a system command", () => {
    expect(check('secretary', ['chi-bo-thon-dong-lac'], command('RecordAdmissionDecision'))).toThrow(
      /needs steps:decision/,
    );
    expect(check('admin', [], command('RecordDeadlineBreach'))).toThrow(/needs system/);
  });

  it('judges a correction by the step it corrects, found by its event id', () => {
    expect(permissionsFor(correction(helpers.eventId), dossier)).toEqual(['steps:correct', 'steps:branch']);
    expect(permissionsFor(correction(nomination.eventId), dossier)).toEqual(['steps:correct', 'dossiers:nominate']);
    expect(permissionsFor(correction('not-an-event'), dossier)).toEqual(['steps:correct']);
    expect(check('standing-committee', [], correction(helpers.eventId))).toThrow(/needs steps:branch/);
    expect(check('mass-org', ['doan-thanh-nien'], correction(nomination.eventId))).not.toThrow();
  });

  it("refuses a change that moves the dossier out of the actor's units, or a nomination into units it does not act for", () => {
    const moved = history([
      command('NominateCandidate', { branchId: 'chi-bo-lang-gia', nominatedBy: 'chi-bo-lang-gia' }),
    ]).state;
    expect(check('secretary', ['chi-bo-thon-dong-lac'], correction(nomination.eventId), dossier, moved)).toThrow(
      /move this dossier/,
    );
    expect(check('office', ['dang-uy-xa-dong-tien'], correction(nomination.eventId), dossier, moved)).not.toThrow();
    expect(check('secretary', ['chi-bo-thon-dong-lac'], command('NominateCandidate'), initialState(), moved)).toThrow(
      /nominate for this unit/,
    );
    expect(check('mass-org', ['hoi-phu-nu'], command('NominateCandidate'), initialState(), dossier)).toThrow(
      /nominate for this unit/,
    );
  });
});

describe('assertReadable', () => {
  it('needs the actor to reach the dossier in every state read (today and as of a date)', () => {
    const elsewhere = history([
      command('NominateCandidate', { branchId: 'chi-bo-lang-gia', nominatedBy: 'chi-bo-lang-gia' }),
    ]).state;
    const { actor, scope } = scoped('secretary', ['chi-bo-thon-dong-lac']);
    expect(() => assertReadable(actor, scope, dossier, dossier)).not.toThrow();
    expect(() => assertReadable(actor, scope, elsewhere, dossier)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
    expect(() => assertReadable(actor, scope, dossier, elsewhere)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
    const massOrg = scoped('mass-org', ['doan-thanh-nien']);
    expect(() => assertReadable(massOrg.actor, massOrg.scope, dossier)).not.toThrow();
  });
});

describe('recordableSteps (the nextSteps of GET /dossiers/{id})', () => {
  const proposed = history(
    [
      'NominateCandidate',
      'AssignHelpers',
      'RecordTraining',
      'SubmitApplication',
      'RecordBackgroundVerification',
      'RecordIntroducers',
      'CollectOpinions',
      'RecordBranchResolution',
    ].map((t) => command(t as DossierCommand['type'])),
  ).state;
  const steps = (role: string, unitIds: string[]) => {
    const { actor, scope } = scoped(role, unitIds);
    return recordableSteps(actor, scope, proposed);
  };

  it("lists the steps the order allows that the role records, on a dossier of the actor's units", () => {
    expect(steps('office', ['dang-uy-xa-dong-tien'])).toEqual([
      'committee-resolution',
      'decision-deadline-extended',
      'transferred',
      'withdrawal',
    ]);
    expect(steps('secretary', ['chi-bo-thon-dong-lac'])).toEqual(['withdrawal']);
    expect(steps('standing-committee', [])).toEqual(['decision-deadline-extended']);
  });

  it("lists none to a role that records no step, nor out of the actor's units", () => {
    expect(steps('inspector', [])).toEqual([]);
    expect(steps('viewer', ['dang-uy-xa-dong-tien'])).toEqual([]);
    expect(steps('secretary', ['chi-bo-lang-gia'])).toEqual([]);
  });
});
