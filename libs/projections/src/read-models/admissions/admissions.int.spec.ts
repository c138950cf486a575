import { fullYears, type CandidatePersonal, type DossierCommand } from '@ketnap/domain';
import { MAIN_LINE, TWO_MEMBERS, command, history } from '@ketnap/domain/testing';
import { describeWithService } from '../../../../../test/support/services';
import { dumpActive, envelopesOf, projectionInMemory, testColumnCipher } from '../../testing/read-model-testing';
import { admissionsReport, ageBandOf } from './admissions-report';
import { ADMISSIONS, admissionsProjection } from './admissions.projection';

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
  const cipher = testColumnCipher();

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
    const model = await projectionInMemory(admissionsProjection(cipher), { postgresUrl });
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
    const report = await admissionsReport(model.pdb, cipher, 2024);
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
    expect((await admissionsReport(model.pdb, cipher, 2025)).total).toBe(0);
    await model.drop();
  });

  it('stores every personal column sealed: the raw rows show no birth date, gender, ethnicity or religion', async () => {
    const model = await projectionInMemory(admissionsProjection(cipher), { postgresUrl });
    await model.apply(
      envelopesOf('dossier-a', history(dossier({ religion: 'Phật giáo', youthUnionMember: true })).events),
    );
    const rows = await model.pdb.sql.all<Record<string, unknown>>(
      `SELECT * FROM ${(await model.pdb.tables(ADMISSIONS))('candidates')}`,
    );
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows);
    for (const plain of ['1996', 'female', 'Tày', 'Phật', 'upper-secondary'])
      expect([plain, raw.includes(plain)]).toEqual([plain, false]);
    for (const column of ['birth_date', 'gender', 'ethnicity', 'religion', 'education', 'youth_union'])
      expect([column, rows[0][column]]).toEqual([column, expect.stringMatching(/^kc1\./)]);
    expect(rows[0]).toMatchObject({ dossier_id: 'a', branch_id: 'chi-bo-thon-dong-lac', outcome: 'admitted' });
    expect(await admissionsReport(model.pdb, cipher, 2024)).toMatchObject({ total: 1, women: 1, religious: 1 });
    await model.drop();
  });

  it('erased: the personal columns become null, the admission still counts, under "unknown"; the erased events rebuild the same rows', async () => {
    const model = await projectionInMemory(admissionsProjection(cipher), { postgresUrl });
    const erase = {
      type: 'ErasePersonalData',
      data: { reason: 'yêu cầu xóa của đương sự', legalBasis: 'Luật Bảo vệ dữ liệu cá nhân 2025, Điều 16' },
    } as DossierCommand;
    const kept = history(dossier({ religion: 'Phật giáo' })).events;
    const fix = {
      type: 'CorrectStep',
      data: { eventId: 'e1', changes: { 'candidate.ethnicity': 'Nùng' }, reason: 'sai' },
    } as DossierCommand;
    const erased = history(dossier({ gender: 'male', youthUnionMember: false }, {}, fix, erase)).events;
    const stored = [
      ...envelopesOf('dossier-a', kept),
      ...envelopesOf('dossier-b', erased, { position: kept.length, version: 0 }),
    ];
    await model.apply(stored);
    const table = (await model.pdb.tables(ADMISSIONS))('candidates');
    expect(await model.pdb.sql.all(`SELECT * FROM ${table} WHERE dossier_id = 'b'`)).toEqual([
      {
        dossier_id: 'b',
        branch_id: 'chi-bo-thon-dong-lac',
        decided_on: '2024-05-15',
        outcome: 'admitted',
        birth_date: null,
        gender: null,
        ethnicity: null,
        religion: null,
        education: null,
        youth_union: null,
        version: erased.length,
      },
    ]);
    const report = await admissionsReport(model.pdb, cipher, 2024);
    expect(report).toMatchObject({
      total: 2,
      women: 1,
      ethnicMinorities: 1,
      religious: 1,
      youthUnionMembers: 1,
      youngUpTo30: 1,
    });
    expect(report.breakdowns).toEqual({
      gender: { female: 1, unknown: 1 },
      ethnicity: { Tày: 1, unknown: 1 },
      religion: { 'Phật giáo': 1, unknown: 1 },
      youthUnion: { member: 1, 'not-member': 0, unknown: 1 },
      ageBand: { 'up-to-30': 1, '31-45': 0, '46-60': 0, 'over-60': 0, unknown: 1 },
      education: { 'upper-secondary': 1, unknown: 1 },
    });

    // Read back once the key is destroyed, every personal part of b is null: a rebuild writes the same rows.
    const rebuilt = await projectionInMemory(admissionsProjection(cipher), { postgresUrl });
    await rebuilt.apply([
      ...envelopesOf('dossier-a', kept),
      ...envelopesOf(
        'dossier-b',
        erased.map((e) =>
          'personal' in e.data ? { ...e, data: { ...e.data, personal: null, personalErased: true } } : e,
        ),
        { position: kept.length, version: 0 },
      ),
    ]);
    expect(await dumpActive(rebuilt.pdb, [ADMISSIONS])).toEqual(await dumpActive(model.pdb, [ADMISSIONS]));
    await rebuilt.drop();
    await model.drop();
  });

  it('counts any value people typed, __proto__ and constructor included, and narrows to branches', async () => {
    const model = await projectionInMemory(admissionsProjection(cipher), { postgresUrl });
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
    const report = await admissionsReport(model.pdb, cipher, 2024);
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
    expect(await admissionsReport(model.pdb, cipher, 2024, ['b1'])).toMatchObject({
      total: 1,
      breakdowns: { ethnicity: { toString: 1 } },
    });
    expect((await admissionsReport(model.pdb, cipher, 2024, [])).total).toBe(0);
    await model.drop();
  });
}

describe('admissions read model on SQLite', () => admissionsReadModelSpecs());

describeWithService('postgres', 'admissions read model on PostgreSQL', (url) => admissionsReadModelSpecs(url));
