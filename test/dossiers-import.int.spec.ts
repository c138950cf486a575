import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, dossierStreamId, legalDateOf, type LocalDate } from '@ketnap/domain';
import { DossierService } from '@ketnap/engine';
import { SqliteEventStore, type EventEnvelope } from '@ketnap/event-store';
import { runKetnap } from './support/cli-process';

const REPO = join(__dirname, '..');
const SAMPLE = join(REPO, 'test/fixtures/dossiers-import-sample.csv');
const PLAN = join(REPO, 'test/fixtures/plan-2024-dong-tien.tsv');
const CLI_ACTOR = { sub: 'cli', role: 'admin', unitIds: [] };

/** `ketnap …` in a child process; an import of 200 dossiers takes a while on a loaded machine. */
const ketnap = (args: string[], env: Record<string, string>) => runKetnap(args, env, { timeoutMs: 120_000 });

/** The columns of the generated spreadsheet (TSV), as an office would lay them out. */
const COLUMNS = [
  'dossier',
  'step',
  'date',
  'candidate.fullName',
  'candidate.birthDate',
  'candidate.gender',
  'candidate.ethnicity',
  'candidate.educationLevel',
  'candidate.youthUnionMember',
  'branchId',
  'nominatedBy',
  'helpers.1.name',
  'certificateNo',
  'issuer',
  'outcome',
  'introducers',
  'officialMembers',
  'votesFor',
  'committeeMembers',
  'decisionNo',
  'proposal',
  '#ghi chú',
] as const;
type Cells = Partial<Record<(typeof COLUMNS)[number], string>>;

interface Expected {
  key: string;
  /** The refusal expected: its row in the file and its rule code; none for a dossier to import. */
  refusal?: { row: number; code: string };
  legacy?: boolean;
}

const BRANCHES = ['lang-gia', 'mo-am', 'lang-ca', 'dia-phan', 'truong-mam-non'];
const INVALID = [
  'wrong-order',
  'age',
  'unknown-branch',
  'future-date',
  'malformed-date',
  'unknown-step',
  'date-backwards',
] as const;
type Invalid = (typeof INVALID)[number];

/**
 * 200 dossiers, one row per step: most valid (some begun in 2019, some with a failed branch vote
 * before the one that passed, some with the preparation dated out of order), one in five refused
 * at a known row for a known reason.
 */
function spreadsheet(today: LocalDate): { text: string; expected: Expected[] } {
  const lines: string[] = [COLUMNS.join('\t')];
  const expected: Expected[] = [];
  const introducers = (on: LocalDate) =>
    JSON.stringify([
      { kind: 'member', name: 'Hoàng Văn Ba', officialSince: '2005-03-02', knownSince: addDays(on, -900) },
      { kind: 'member', name: 'Vi Thị Cúc', officialSince: '2008-07-01', knownSince: addDays(on, -700) },
    ]);
  for (let i = 0; i < 200; i += 1) {
    const key = `HS-${String(i + 1).padStart(3, '0')}`;
    const kind = i % 10;
    const invalid: Invalid | undefined =
      kind === 3 || kind === 7 ? INVALID[(Math.floor(i / 10) + (kind === 7 ? 3 : 0)) % INVALID.length] : undefined;
    const legacy = kind === 0;
    const start: LocalDate = legacy ? addDays('2019-02-01', i) : addDays('2022-09-01', i * 3);
    const at = (days: number) => addDays(start, days);
    const branch = invalid === 'unknown-branch' ? 'chi-bo-khong-co' : BRANCHES[i % BRANCHES.length];
    const birth = invalid === 'age' ? addDays(at(100), -(17 * 365)) : `19${80 + (i % 10)}-0${1 + (i % 9)}-15`;
    const rows: Array<{ step: string; date: string; cells?: Cells }> = [
      {
        step: 'nomination',
        date: at(0),
        cells: {
          'candidate.fullName': `Nguyễn Văn ${key}`,
          'candidate.birthDate': birth,
          'candidate.gender': i % 2 ? 'male' : 'female',
          'candidate.ethnicity': 'Tày',
          'candidate.educationLevel': 'upper-secondary',
          'candidate.youthUnionMember': 'không',
          branchId: branch,
          nominatedBy: i % 3 ? 'doan-tncs-hcm' : 'hoi-phu-nu',
        },
      },
      { step: 'helper-assigned', date: at(10), cells: { 'helpers.1.name': 'Lê Văn Bình' } },
      {
        step: 'training-completed',
        date: invalid === 'malformed-date' ? '30/02/2023' : at(30),
        cells: { certificateNo: `CN-${i}`, issuer: 'Trung tâm chính trị huyện Hữu Lũng' },
      },
      // Out of order among themselves for one kind: the law sets no order between these steps.
      { step: 'application-submitted', date: kind === 2 ? at(75) : at(40) },
      { step: 'background-verified', date: kind === 2 ? at(45) : at(60), cells: { outcome: 'passed' } },
      { step: 'introducers-recorded', date: at(70), cells: { introducers: introducers(at(70)) } },
      {
        step: 'opinions-collected',
        date: invalid === 'future-date' ? addDays(today, 20) : at(80),
      },
    ];
    if (kind === 1)
      rows.push({ step: 'branch-resolution', date: at(90), cells: { officialMembers: '9', votesFor: '4' } });
    const depth = i % 4;
    if (depth >= 1 || invalid === 'age' || invalid === 'date-backwards' || kind === 1)
      rows.push({
        step: 'branch-resolution',
        date: invalid === 'date-backwards' ? at(79) : at(100),
        cells: { officialMembers: '9', votesFor: '7' },
      });
    if (depth >= 2 || invalid === 'wrong-order') {
      rows.push({ step: 'committee-resolution', date: at(115), cells: { committeeMembers: '15', votesFor: '12' } });
      const decision = {
        step: 'admission-decision',
        date: at(150),
        cells: { outcome: 'admitted', decisionNo: `${i}-QĐ/HU` },
      };
      const ceremony = { step: 'ceremony', date: at(170) };
      rows.push(...(invalid === 'wrong-order' ? [ceremony, decision] : [decision, ceremony]));
    }
    if (depth === 3 && !invalid) {
      rows.push({
        step: 'recognition-review',
        date: at(545),
        cells: { officialMembers: '9', votesFor: '8', proposal: 'recognize' },
      });
      rows.push({
        step: 'recognition-resolution',
        date: at(552),
        cells: { committeeMembers: '15', votesFor: '12', proposal: 'recognize' },
      });
      rows.push({
        step: 'recognition-decision',
        date: at(560),
        cells: { outcome: 'official', decisionNo: `${i}-QĐ/ĐU` },
      });
    }
    if (invalid === 'unknown-step') rows.splice(3, 0, { step: 'ket-nap', date: at(35) });
    const first = lines.length + 1;
    const failing: Record<Invalid, () => { row: number; code: string }> = {
      'wrong-order': () => ({ row: first + rows.findIndex((r) => r.step === 'ceremony'), code: 'STEP_OUT_OF_ORDER' }),
      age: () => ({ row: first + rows.findIndex((r) => r.step === 'branch-resolution'), code: 'AGE_OUT_OF_RANGE' }),
      'unknown-branch': () => ({ row: first, code: 'UNKNOWN_UNIT' }),
      'future-date': () => ({ row: first + 6, code: 'DATE_IN_FUTURE' }),
      'malformed-date': () => ({ row: first + 2, code: 'INVALID_COMMAND' }),
      'unknown-step': () => ({ row: first + 3, code: 'INVALID_COMMAND' }),
      'date-backwards': () => ({
        row: first + rows.findIndex((r) => r.step === 'branch-resolution'),
        code: 'DATE_BEFORE_PREVIOUS_STEP',
      }),
    };
    expected.push({ key, legacy, ...(invalid && { refusal: failing[invalid]() }) });
    for (const row of rows) {
      const cells: Cells = { ...row.cells, dossier: key, step: row.step, date: row.date };
      lines.push(COLUMNS.map((c) => cells[c] ?? '').join('\t'));
    }
  }
  return { text: `${lines.join('\n')}\n`, expected };
}

async function storeFacts(dataDir: string) {
  const store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
  try {
    const events: EventEnvelope[] = [];
    let page = await store.readAll({ limit: 5000 });
    events.push(...page.events);
    while (!page.isEnd) {
      page = await store.readAll({ after: page.checkpoint, limit: 5000 });
      events.push(...page.events);
    }
    const dossiers = new Set(events.filter((e) => e.streamId.startsWith('dossier-')).map((e) => e.streamId));
    return { head: await store.headPosition(), dossiers, events };
  } finally {
    await store.close();
  }
}

const REFUSED = /^refused: row (\d+), dossier (\S+), step (\S+): ([A-Z_]+): /;

describe('ketnap dossiers import FILE (an office brings in its paper dossiers)', () => {
  jest.setTimeout(240_000);
  let root: string;
  let env: Record<string, string>;
  let file: string;
  let expected: Expected[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ketnap-import-'));
    env = { KETNAP_DATA_DIR: join(root, 'data'), KETNAP_LANG: 'en' };
    const plan = ketnap(['plan', 'import', PLAN, '--year', '2024', '--create-units'], env);
    expect(plan.status).toBe(0);
    const generated = spreadsheet(legalDateOf(new Date()));
    file = join(root, 'ho-so.tsv');
    writeFileSync(file, generated.text);
    expected = generated.expected;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a dry run reports every refusal with its row and rule code, what would come in, and writes nothing', async () => {
    const before = await storeFacts(env.KETNAP_DATA_DIR);
    const run = ketnap(['dossiers', 'import', file, '--dry-run'], env);
    const refused = expected.filter((e) => e.refusal);
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('would import: '))).toHaveLength(200 - refused.length);
    expect(lines.at(-1)).toBe(
      `dry run, nothing written: ${200 - refused.length} dossiers would be imported (20 legacy), 0 already imported, ${refused.length} refused`,
    );
    expect(run.stderr).toContain(`ketnap: ${refused.length} dossiers refused, none of them imported`);
    expect((await storeFacts(env.KETNAP_DATA_DIR)).head).toBe(before.head);
  });

  it('imports exactly the valid dossiers and reports each refusal with its row and rule code', async () => {
    const before = await storeFacts(env.KETNAP_DATA_DIR);
    const run = ketnap(['dossiers', 'import', file], env);
    const refused = expected.filter((e) => e.refusal);
    expect(refused.length).toBe(40);
    expect(run.status).toBe(1);
    const reported = run.stdout
      .split('\n')
      .map((l) => REFUSED.exec(l))
      .filter((m) => m !== null)
      .map((m) => ({ key: m[2], refusal: { row: Number(m[1]), code: m[4] } }));
    expect(reported).toEqual(refused.map(({ key, refusal }) => ({ key, refusal })));
    expect(new Set(reported.map((r) => r.refusal.code))).toEqual(
      new Set([
        'STEP_OUT_OF_ORDER',
        'AGE_OUT_OF_RANGE',
        'UNKNOWN_UNIT',
        'DATE_IN_FUTURE',
        'INVALID_COMMAND',
        'DATE_BEFORE_PREVIOUS_STEP',
      ]),
    );
    expect(run.stdout).toContain(
      `${200 - refused.length} dossiers imported (20 legacy), 0 already imported, 40 refused`,
    );

    const after = await storeFacts(env.KETNAP_DATA_DIR);
    expect(after.dossiers.size - before.dossiers.size).toBe(200 - refused.length);
    const idOf = (key: string, branch: string) =>
      dossierStreamId(DossierService.idOfNomination(CLI_ACTOR, `import/${branch}/${key}/0`));
    for (const [i, e] of expected.entries()) {
      const stream = idOf(e.key, BRANCHES[i % BRANCHES.length]);
      expect({ key: e.key, imported: after.dossiers.has(stream) }).toEqual({ key: e.key, imported: !e.refusal });
    }
    // A failed branch vote is a fact: recorded, then the vote that passed.
    const failedVote = after.events.filter((e) => e.streamId === idOf('HS-002', BRANCHES[1]));
    expect(failedVote.map((e) => e.type)).toContain('BranchVoteFailed');
    expect(failedVote.map((e) => e.type)).toContain('BranchResolutionAdopted');
  });

  it('brings a dossier begun in 2019 in flagged legacy: recorded, not judged, before 30/07/2021', async () => {
    const { events } = await storeFacts(env.KETNAP_DATA_DIR);
    const stream = dossierStreamId(DossierService.idOfNomination(CLI_ACTOR, `import/${BRANCHES[0]}/HS-001/0`));
    const legacy = events.filter((e) => e.streamId === stream);
    expect(legacy.length).toBeGreaterThan(0);
    for (const e of legacy) {
      expect(e.data).toMatchObject({ legacy: true, ruleSet: 'legacy' });
      expect(e.metadata).toMatchObject({ ruleSet: 'legacy', actor: { sub: 'cli' } });
    }
  });

  it('is idempotent: a second run imports nothing new and says each dossier was imported already', async () => {
    const before = await storeFacts(env.KETNAP_DATA_DIR);
    const run = ketnap(['dossiers', 'import', file], env);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('already imported: dossier '))).toHaveLength(160);
    expect(run.stdout).toContain('0 dossiers imported (0 legacy), 160 already imported, 40 refused');
    expect((await storeFacts(env.KETNAP_DATA_DIR)).head).toBe(before.head);
  });

  it('imports the sample spreadsheet, in Vietnamese by default; exit 0 when nothing is refused', () => {
    const valid = readFileSync(SAMPLE, 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('HS-2024-002'))
      .join('\n');
    const sample = join(root, 'mau.csv');
    writeFileSync(sample, `\uFEFF${valid}`);
    const run = ketnap(['dossiers', 'import', sample], { KETNAP_DATA_DIR: env.KETNAP_DATA_DIR });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toContain('2 hồ sơ đã nhập (1 hồ sơ cũ), 0 hồ sơ đã nhập trước đó, 0 hồ sơ bị từ chối');
    const dry = ketnap(['dossiers', 'import', SAMPLE, '--dry-run'], { KETNAP_DATA_DIR: env.KETNAP_DATA_DIR });
    expect(dry.status).toBe(1);
    expect(dry.stdout.split('\n')).toEqual([
      'đã nhập trước đó: hồ sơ HS-2024-001, không ghi thêm gì',
      'đã nhập trước đó: hồ sơ HS-2019-014, không ghi thêm gì',
      expect.stringMatching(
        /^từ chối: dòng 34, hồ sơ HS-2024-002, bước branch-resolution: AGE_OUT_OF_RANGE: Quần chúng 62 tuổi 5 tháng vào ngày 05\/07\/2024/,
      ),
      'chạy thử, không ghi gì: 0 hồ sơ sẽ được nhập (0 hồ sơ cũ), 2 hồ sơ đã nhập trước đó, 1 hồ sơ bị từ chối',
      '',
    ]);
    expect(dry.stderr).toBe(
      'ketnap: 1 hồ sơ bị từ chối, không nhập hồ sơ nào trong số đó (xem các dòng "từ chối" ở trên)\n',
    );
  });

  it('refuses bad usage with exit 2 and writes nothing: a header no step knows, the memory store', async () => {
    const before = await storeFacts(env.KETNAP_DATA_DIR);
    const bad = join(root, 'bad.csv');
    writeFileSync(bad, 'dossier,step,date,votes\nK,nomination,2024-01-01,3\n');
    expect(ketnap(['dossiers', 'import', bad], env)).toMatchObject({
      status: 2,
      stdout: '',
      stderr: `ketnap: the header row of ${bad} cannot be used: votes: is unknown\n`,
    });
    expect(ketnap(['dossiers', 'import', file], { ...env, KETNAP_EVENT_STORE: 'memory' })).toMatchObject({
      status: 2,
      stderr: 'ketnap: the memory store lives in the server process: KETNAP_EVENT_STORE=sqlite\n',
    });
    expect(ketnap(['dossiers', 'import', join(root, 'none.csv')], env)).toMatchObject({ status: 1 });
    expect((await storeFacts(env.KETNAP_DATA_DIR)).head).toBe(before.head);
  });
});
