import { fullYears, type CandidatePersonal, type DossierCommand } from '@ketnap/domain';
import { MAIN_LINE, TWO_MEMBERS, command, history } from '@ketnap/domain/testing';
import { describeWithService } from '../../../../../test/support/services';
import { envelopesOf, projectionInMemory } from '../../testing/read-model-testing';
import { admissionsReport, ageBandOf } from './admissions-report';
import { admissionsProjection } from './admissions.projection';

const base = command('NominateCandidate').data.candidate;
/** Introduced through the Youth Union when the candidate is a Youth Union member of youth age (Party Charter Art. 4). */
const introducedBy = (c: CandidatePersonal) => {
  const { recordedOn } = command('RecordIntroducers').data;
  return c.youthUnionMember === true && fullYears(c.birthDate, recordedOn) <= 30 ? {} : TWO_MEMBERS.RecordIntroducers;
};
const dossier = (candidate: object, decision: object = {}, ...extra: DossierCommand[]): DossierCommand[] => [
  command('NominateCandidate', { candidate: { ...base, ...candidate } }),
  ...MAIN_LINE.slice(1, 9).map(
    (t) => command(t, t === 'RecordIntroducers' ? introducedBy({ ...base, ...candidate }) : {}) as DossierCommand,
  ),
  command('RecordAdmissionDecision', decision),
  ...extra,
];

function admissionsReadModelSpecs(postgresUrl?: string): void {
  it('bands ages with up to 30 as "trẻ hóa"', async () => {
    expect([18, 30, 31, 45, 46, 60, 61].map(ageBandOf)).toEqual([
      'up-to-30',
      'up-to-30',
      '31-45',
      '31-45',
      '46-60',
      '46-60',
      'over-60',
    ]);
  });

  it("breaks down the admissions of a year by the candidates' facts, corrections included", async () => {
    const model = await projectionInMemory(admissionsProjection(), { postgresUrl });
    let position = 0;
    const record = async (id: string, commands: DossierCommand[]) => {
      const events = envelopesOf(`dossier-${id}`, history(commands).events, { position, version: 0 });
      position += events.length;
      await model.apply(events);
    };
    await record('a', dossier({}));
    await record(
      'b',
      dossier({
        gender: 'male',
        ethnicity: 'Kinh',
        religion: 'Phật giáo',
        birthDate: '1980-01-01',
        youthUnionMember: false,
        educationLevel: 'university',
      }),
    );
    await record(
      'c',
      dossier(
        { gender: 'male', ethnicity: 'Nùng', religion: 'Không', birthDate: '1970-05-16' },
        { outcome: 'refused' },
      ),
    );
    const fix = (eventId: string, changes: object) =>
      ({ type: 'CorrectStep', data: { eventId, changes, reason: 'sai' } }) as DossierCommand;
    // Two members introduced d (no Youth Union base): the correction makes the candidate 59, past the Youth Union route.
    const twoMembers = (commands: DossierCommand[]) =>
      commands.map((c) =>
        c.type === 'RecordIntroducers'
          ? command('RecordIntroducers', { ...TWO_MEMBERS.RecordIntroducers, noYouthUnionBase: true })
          : c,
      );
    await record(
      'd',
      twoMembers(
        dossier(
          { gender: 'male', ethnicity: 'Kinh' },
          {},
          fix('e1', { 'candidate.gender': 'female', 'candidate.birthDate': '1964-06-01' }),
        ),
      ),
    );
    await record('e', dossier({}, {}, fix('e10', { decidedOn: '2024-03-25' })));
    const report = await admissionsReport(model.pdb, 2024);
    expect(report).toMatchObject({
      year: 2024,
      total: 4,
      women: 3,
      ethnicMinorities: 2,
      religious: 1,
      youthUnionMembers: 3,
      youngUpTo30: 2,
    });
    expect(report.breakdowns).toEqual({
      gender: { female: 3, male: 1 },
      ethnicity: { Tày: 2, Kinh: 2 },
      religion: { none: 3, 'Phật giáo': 1 },
      youthUnion: { member: 3, 'not-member': 1, unknown: 0 },
      ageBand: { 'up-to-30': 2, '31-45': 1, '46-60': 1, 'over-60': 0 },
      education: { 'upper-secondary': 3, university: 1 },
    });
    expect((await admissionsReport(model.pdb, 2025)).total).toBe(0);
    await model.drop();
  });

  it('counts any value people typed, __proto__ and constructor included, and narrows to branches', async () => {
    const model = await projectionInMemory(admissionsProjection(), { postgresUrl });
    const events = [
      ...envelopesOf('dossier-p', history(dossier({ ethnicity: '__proto__', religion: 'constructor' })).events, {
        position: 0,
        version: 0,
      }),
      ...envelopesOf(
        'dossier-q',
        history([
          command('NominateCandidate', {
            branchId: 'b1',
            nominatedBy: 'b1',
            candidate: { ...base, ethnicity: 'toString' },
          }),
          ...dossier({}).slice(1),
        ]).events,
        {
          position: 100,
          version: 0,
        },
      ),
    ];
    await model.apply(events);
    const report = await admissionsReport(model.pdb, 2024);
    expect(report.total).toBe(2);
    expect(Object.entries(report.breakdowns.ethnicity)).toEqual([
      ['__proto__', 1],
      ['toString', 1],
    ]);
    expect(Object.entries(report.breakdowns.religion)).toEqual([
      ['constructor', 1],
      ['none', 1],
    ]);
    expect(JSON.parse(JSON.stringify(report.breakdowns.ethnicity))).toEqual({ ['__proto__']: 1, toString: 1 });
    expect(await admissionsReport(model.pdb, 2024, ['b1'])).toMatchObject({
      total: 1,
      breakdowns: { ethnicity: { toString: 1 } },
    });
    expect((await admissionsReport(model.pdb, 2024, [])).total).toBe(0);
    await model.drop();
  });
}

describe('admissions read model on SQLite', () => admissionsReadModelSpecs());

describeWithService('postgres', 'admissions read model on PostgreSQL', (url) => admissionsReadModelSpecs(url));
