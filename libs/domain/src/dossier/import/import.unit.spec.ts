// eslint-disable-next-line no-restricted-imports -- the test reads the sample spreadsheet; the import itself does no I/O
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- see above
import { join } from 'node:path';
import type { OrgUnit } from '../../plan/org-unit';
import { contextOn, directoryOf } from '../../testing/fixtures';
import { STEP_COMMANDS } from '../steps';
import { checkImportDossier } from './check-import';
import { commandFields } from './command-fields';
import { importSteps, readImportSheet } from './import-rows';
import { parseSheet, sheetFormatOf } from './spreadsheet';

const SAMPLE = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'dossiers-import-sample.csv');
/** The units `ketnap plan import --create-units` makes from the seed plan, those the sample names. */
const SAMPLE_UNITS: OrgUnit[] = [
  { unitId: 'dang-uy', name: 'Đảng ủy', kind: 'party-committee' },
  ...['lang-gia', 'mo-am'].map((unitId): OrgUnit => ({ unitId, name: unitId, kind: 'branch', parentId: 'dang-uy' })),
  ...['doan-tncs-hcm', 'hoi-nong-dan', 'hoi-phu-nu'].map((unitId): OrgUnit => ({
    unitId,
    name: unitId,
    kind: 'mass-org',
    parentId: 'dang-uy',
  })),
];
const ctx = contextOn('2025-12-31', { units: directoryOf(SAMPLE_UNITS) });

const read = (text: string, format: 'csv' | 'tsv' = 'csv') => readImportSheet(parseSheet(text, format));

describe('spreadsheet export (CSV or TSV)', () => {
  it('reads quoted CSV cells with commas, quotes and line breaks, a BOM and CRLF, numbering rows as shown', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\nlines",z\r\n3,,\r\n';
    expect(parseSheet(text, 'csv')).toEqual({
      header: ['a', 'b', 'c'],
      records: [
        { row: 2, cells: ['1', 'x, y', 'say "hi"'] },
        { row: 4, cells: ['2', 'two\nlines', 'z'] },
        { row: 6, cells: ['3', '', ''] },
      ],
    });
  });

  it('reads TSV, and tells the format by the extension or the first line', () => {
    expect(parseSheet('a\tb\n1,5\t"x\ty"\n', 'tsv').records).toEqual([{ row: 2, cells: ['1,5', 'x\ty'] }]);
    expect(sheetFormatOf('a,b', 'ho-so.TSV')).toBe('tsv');
    expect(sheetFormatOf('a\tb', 'ho-so.csv')).toBe('csv');
    expect(sheetFormatOf('a\tb\n', 'ho-so.txt')).toBe('tsv');
    expect(sheetFormatOf('\uFEFFa,b\n')).toBe('csv');
  });
});

describe("a command's fields, read from its shape", () => {
  it('names each field with its kind, nested objects and list items with their own fields', () => {
    expect(commandFields('RecordBranchResolution')).toEqual([
      { name: 'meetingOn', kind: 'date' },
      { name: 'officialMembers', kind: 'number' },
      { name: 'votesFor', kind: 'number' },
      { name: 'resolutionNo', kind: 'text' },
      {
        name: 'provincialConsent',
        kind: 'object',
        children: [
          { name: 'documentNo', kind: 'text' },
          { name: 'givenOn', kind: 'date' },
          { name: 'grounds', kind: 'choices' },
        ],
      },
    ]);
    expect(commandFields('AssignHelpers')[0]).toEqual({
      name: 'helpers',
      kind: 'list',
      children: [
        { name: 'name', kind: 'text' },
        { name: 'memberId', kind: 'text' },
      ],
    });
    expect(commandFields('ExtendDecisionDeadline')[1]).toEqual({ name: 'workingDays', kind: 'int' });
  });
});

describe('rows of the import spreadsheet', () => {
  it('takes every API.md route step of STEP_COMMANDS but the correction, and the nomination', () => {
    const steps = importSteps();
    expect(steps.nomination).toBe('NominateCandidate');
    expect(Object.keys(steps).sort()).toEqual(
      ['nomination', ...Object.keys(STEP_COMMANDS).filter((s) => s !== 'correction')].sort(),
    );
  });

  it('builds each command from the date, flat, nested and numbered columns, typed by the step shape', () => {
    const { dossiers, columnErrors } = read(readFileSync(SAMPLE, 'utf8'));
    expect(columnErrors).toEqual([]);
    expect(dossiers.map((d) => [d.key, d.rows.length])).toEqual([
      ['HS-2024-001', 11],
      ['HS-2019-014', 14],
      ['HS-2024-002', 8],
    ]);
    const [first] = dossiers;
    expect(first.rows[0]).toMatchObject({
      row: 2,
      step: 'nomination',
      command: {
        type: 'NominateCandidate',
        data: {
          candidate: { fullName: 'Nguyễn Thị An', birthDate: '1996-05-10', youthUnionMember: true },
          branchId: 'lang-gia',
          nominatedOn: '2024-02-05',
        },
      },
    });
    expect(first.rows[5].command).toEqual({
      type: 'RecordIntroducers',
      data: {
        recordedOn: '2024-05-10',
        introducers: [
          // A Youth Union member of youth age: the Youth Union route (Party Charter Art. 4.2).
          { kind: 'youth-union', name: 'Ban Chấp hành Đoàn xã Đồng Tiến' },
          { kind: 'member', name: 'Vi Thị Cúc', officialSince: '2012-07-01', knownSince: '2021-02-01' },
        ],
      },
    });
    expect(first.rows[6].command).toEqual({
      type: 'CollectOpinions',
      data: { collectedOn: '2024-06-20', summary: 'Đồng ý, đề nghị kết nạp' },
    });
    expect(first.rows[7].command).toEqual({
      type: 'RecordBranchResolution',
      data: { meetingOn: '2024-07-05', officialMembers: 9, votesFor: 7, resolutionNo: '05-NQ/CB' },
    });
  });

  it('takes a list as a JSON cell too', () => {
    const json = JSON.stringify([
      { kind: 'member', name: 'A' },
      { kind: 'youth-union', name: 'B' },
    ]).replace(/"/g, '""');
    const { dossiers } = read(`dossier,step,date,introducers\nK,introducers-recorded,2024-05-10,"${json}"\n`);
    expect(dossiers[0].rows[0].command).toEqual({
      type: 'RecordIntroducers',
      data: {
        recordedOn: '2024-05-10',
        introducers: [
          { kind: 'member', name: 'A' },
          { kind: 'youth-union', name: 'B' },
        ],
      },
    });
  });

  it('refuses a row with an unknown step, a field of another step or no dossier key (INVALID_COMMAND)', () => {
    const { dossiers } = read(
      'dossier,step,date,votesFor\nK,vote,2024-01-01,\nK,ceremony,2024-01-01,7\n,ceremony,2024-01-02,\n',
    );
    const errors = dossiers.flatMap((d) => d.rows.map((r) => [r.row, r.error?.code, r.error?.details]));
    expect(errors).toEqual([
      [2, 'INVALID_COMMAND', { errors: [expect.objectContaining({ field: 'step', key: 'field.one-of' })] }],
      [3, 'INVALID_COMMAND', { errors: [expect.objectContaining({ field: 'votesFor', key: 'field.not-allowed' })] }],
      [4, 'INVALID_COMMAND', { errors: [expect.objectContaining({ field: 'dossier', key: 'field.required' })] }],
    ]);
  });

  it('names the header columns no step has, repeated ones and missing ones, and reads no row', () => {
    const { columnErrors, dossiers } = read('dossier,date,votes,date,#note\nK,2024-01-01,3,2024-01-01,x\n');
    expect(columnErrors.map((e) => [e.field, e.key])).toEqual([
      ['votes', 'field.unknown'],
      ['date', 'field.header-once'],
      ['step', 'field.required'],
    ]);
    expect(dossiers).toEqual([]);
    expect(read('ma,step\n', 'csv').columnErrors.map((e) => e.field)).toEqual(['ma', 'dossier']);
    expect(readImportSheet(parseSheet('ma,step\nK,ceremony\n', 'csv'), { keyColumn: 'ma' }).columnErrors).toEqual([]);
  });
});

describe('checking a dossier of the spreadsheet with the decider (no store)', () => {
  const [fresh, legacy, old] = read(readFileSync(SAMPLE, 'utf8')).dossiers;

  it('accepts a dossier whose every row the decider accepts; the preparation dates may come in any order', () => {
    const verdict = checkImportDossier(fresh, ctx);
    expect(verdict).toMatchObject({ ok: true, key: 'HS-2024-001', legacy: false, state: { stage: 'probation' } });
  });

  it('takes a dossier begun before 30/07/2021 as legacy history', () => {
    const verdict = checkImportDossier(legacy, ctx);
    expect(verdict).toMatchObject({
      ok: true,
      legacy: true,
      state: { stage: 'official', officialSince: '2021-09-02' },
    });
  });

  it('refuses at the first row a rule refuses, with its row and rule code', () => {
    expect(checkImportDossier(old, ctx)).toMatchObject({
      ok: false,
      key: 'HS-2024-002',
      row: 34,
      step: 'branch-resolution',
      error: { code: 'AGE_OUT_OF_RANGE' },
    });
  });

  it('refuses a dossier without its nomination, and a malformed or future date', () => {
    const rows = (text: string) => read(`dossier,step,date\n${text}`).dossiers[0];
    expect(checkImportDossier(rows('K,ceremony,2024-01-01\n'), ctx)).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_NOT_FOUND' },
    });
    const nominated = (date: string) =>
      read(
        `dossier,step,date,candidate.fullName,candidate.birthDate,candidate.gender,candidate.ethnicity,candidate.educationLevel,branchId,nominatedBy\nK,nomination,${date},A,1990-01-01,male,Kinh,university,lang-gia,hoi-phu-nu\n`,
      ).dossiers[0];
    expect(checkImportDossier(nominated('2024-13-01'), ctx)).toMatchObject({
      ok: false,
      row: 2,
      error: { code: 'INVALID_COMMAND', details: { errors: [{ field: 'nominatedOn', key: 'field.date' }] } },
    });
    expect(checkImportDossier(nominated('31/12/2026'), ctx)).toMatchObject({
      ok: false,
      error: { code: 'DATE_IN_FUTURE' },
    });
    expect(checkImportDossier(nominated('1/2/2024'), ctx)).toMatchObject({ ok: true });
  });
});
