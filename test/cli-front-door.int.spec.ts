import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAuthSecret } from '@ketnap/engine';
import { SqliteEventStore } from '@ketnap/event-store';
import { runKetnap } from './support/cli-process';

const REPO = join(__dirname, '..');
const VERSION = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

/** `ketnap …` in a child process, in `cwd`. */
const ketnap = (args: string[], env: Record<string, string> = {}, cwd = REPO) => runKetnap(args, env, { cwd });

describe('the CLI front door', () => {
  jest.setTimeout(60_000); // every test spawns the CLI, a few seconds each on a loaded machine
  let root: string;
  let dataDir: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ketnap-cli-'));
    dataDir = join(root, 'data');
    const store = new SqliteEventStore({ path: join(dataDir, 'ketnap.db') });
    await store.append('units', [{ type: 'StepRecorded', data: { step: 1 } }], { expectedVersion: 'any' });
    await store.close();
    resolveAuthSecret({ dataDir }); // the secret, as the first start makes it
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints its version (package.json) with --version and -V, exit 0', () => {
    for (const flag of ['--version', '-V']) {
      expect(ketnap([flag])).toMatchObject({ status: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('refuses a --ttl without its unit (a bare number would be seconds) with exit 2, and takes 8h', async () => {
    const env = { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' };
    const bare = ketnap(['token', '--sub', 'me', '--role', 'admin', '--ttl', '8'], env);
    expect({ status: bare.status, stdout: bare.stdout, stderr: bare.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'ketnap: --ttl must be a lifetime with its unit, such as 90s, 30m, 8h or 7d (got "8")\n',
    });
    const vi = ketnap(['token', '--sub', 'me', '--role', 'admin', '--ttl', '8'], { KETNAP_DATA_DIR: dataDir });
    expect({ status: vi.status, stderr: vi.stderr }).toEqual({
      status: 2,
      stderr: 'ketnap: --ttl phải là một thời hạn kèm đơn vị, như 90s, 30m, 8h hoặc 7d (nhận được "8")\n',
    });
    const hours = ketnap(['token', '--sub', 'me', '--role', 'admin', '--ttl', '8h'], env);
    expect(hours.status).toBe(0);
    const claims = JSON.parse(Buffer.from(hours.stdout.trim().split('.')[1], 'base64url').toString()) as {
      exp: number;
      iat: number;
    };
    expect(claims.exp - claims.iat).toBe(8 * 3600);
  });

  it("says commander's usage errors in the catalogue's words, exit 2", () => {
    expect(ketnap(['token', '--sub', 'me', '--role', 'admin', '--colour'], { KETNAP_LANG: 'en' })).toMatchObject({
      status: 2,
      stderr: "ketnap: unknown option --colour (the command's --help lists them)\n",
    });
    expect(ketnap(['tokn'])).toMatchObject({
      status: 2,
      stderr: 'ketnap: không có lệnh tokn (ketnap --help liệt kê các lệnh)\n',
    });
    expect(ketnap(['token', '--role', 'admin'])).toMatchObject({
      status: 2,
      stderr: 'ketnap: thiếu tùy chọn bắt buộc --sub\n',
    });
  });

  it("says a refusal of the domain in the CLI's language: Vietnamese by default, English with KETNAP_LANG=en", () => {
    const table = join(root, 'no-rows.tsv');
    writeFileSync(table, 'Kế hoạch\tnăm 2024\n');
    const before = readdirSync(dataDir).sort();
    const args = ['plan', 'import', table, '--year', '2024'];
    const vi = ketnap(args, { KETNAP_DATA_DIR: dataDir });
    expect({ status: vi.status, stderr: vi.stderr }).toEqual({
      status: 1,
      stderr: 'ketnap: không tìm thấy dòng đơn vị nào: cần các dòng có số thứ tự dưới tiêu đề "Số TT"\n',
    });
    const en = ketnap(args, { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' });
    expect({ status: en.status, stderr: en.stderr }).toEqual({
      status: 1,
      stderr: 'ketnap: no unit rows found: expected numbered rows under a "Số TT" header\n',
    });
    expect(readdirSync(dataDir).sort()).toEqual(before);
  });

  it('`audit verify` with no option verifies the default data dir, and names the store it did not find', () => {
    const ok = ketnap(['audit', 'verify'], { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' });
    expect(ok).toMatchObject({ status: 0, stdout: 'ok: 1 events in 1 streams chain\n', stderr: '' });
    const vi = ketnap(['audit', 'verify'], { KETNAP_DATA_DIR: dataDir });
    expect(vi).toMatchObject({ status: 0, stdout: 'tốt: 1 sự kiện trong 1 luồng nối đúng chuỗi băm\n' });
    const elsewhere = join(root, 'nothing-here');
    const missing = ketnap(['audit', 'verify'], { KETNAP_DATA_DIR: elsewhere, KETNAP_LANG: 'en' });
    expect({ status: missing.status, stdout: missing.stdout, stderr: missing.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: `ketnap: no store at ${join(elsewhere, 'ketnap.db')} (KETNAP_DATA_DIR is ${elsewhere}): nothing to verify\n`,
    });
    expect(existsSync(elsewhere)).toBe(false);
  });

  it("run from another folder, uses ketnap's own data folder, and creates no ./data there", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'ketnap-cwd-'));
    try {
      const run = ketnap(['doctor'], { KETNAP_LANG: 'en' }, elsewhere);
      expect(run.stdout.split('\n')[0]).toBe(
        `OK    configuration: valid (store sqlite, data dir ${join(REPO, 'data')})`,
      );
      expect(existsSync(join(elsewhere, 'data'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('`doctor` on a good data dir: every check OK or WARN, exit 0; it changes nothing', () => {
    // SQLite opens a WAL database read-only with its -wal and -shm files: those aside, nothing appears.
    const files = () =>
      readdirSync(dataDir)
        .filter((f) => !/-(wal|shm)$/.test(f))
        .sort();
    const before = files();
    const run = ketnap(['doctor'], { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(files()).toEqual(before);
    const lines = run.stdout.trim().split('\n');
    expect(lines.slice(0, 7).map((line) => line.split(':')[0])).toEqual([
      'OK    configuration',
      'OK    store',
      'OK    Redis',
      expect.stringMatching(/^(OK|WARN) {2,3}working-day calendar$/),
      'OK    rule sets',
      'OK    free disk',
      'OK    secret',
    ]);
    expect(lines[1]).toBe(`OK    store: ${join(dataDir, 'ketnap.db')}: 1 events`);
    expect(lines[4]).toBe(
      `OK    rule sets: in force: qd24-2021, qd232-2025, qd294-2025 (built-in; replacement files go to ${join(dataDir, 'rules')}, KETNAP_RULES_DIR)`,
    );
    expect(lines[6]).toBe(`OK    secret: ${join(dataDir, 'auth-secret')} (mode 0600)`);
    expect(lines[7]).toMatch(/^no failures \([01] warnings\)$/);

    const vi = ketnap(['doctor'], { KETNAP_DATA_DIR: dataDir });
    expect(vi.stdout.split('\n')[1]).toBe(`TỐT    kho dữ liệu: ${join(dataDir, 'ketnap.db')}: 1 sự kiện`);
  });

  it('`doctor` fails naming REDIS_URL when Redis does not answer, within its timeout, exit 1', () => {
    const started = Date.now();
    const run = ketnap(['doctor'], {
      KETNAP_DATA_DIR: dataDir,
      KETNAP_LANG: 'en',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^FAIL {2}Redis: cannot reach Redis at REDIS_URL=redis:\/\/127\.0\.0\.1:1 \(.+\): start Redis, or fix or unset REDIS_URL$/m,
    );
    expect(run.stderr).toBe('ketnap: 1 failure(s) to fix: see the FAIL lines above\n');
  });

  it("`doctor` lists the rule sets the operator's folder gives, and fails naming a bad rule set file", () => {
    const rulesDir = join(root, 'rules');
    mkdirSync(rulesDir);
    try {
      const qd24 = JSON.parse(readFileSync(join(REPO, 'libs/domain/src/rules/data/qd24-2021.json'), 'utf8'));
      qd24.parameters.admissionDecisionWorkingDays = 45;
      writeFileSync(join(rulesDir, 'qd24-2021.json'), JSON.stringify(qd24));
      const env = { KETNAP_DATA_DIR: dataDir, KETNAP_RULES_DIR: rulesDir, KETNAP_LANG: 'en' };
      const good = ketnap(['doctor'], env);
      expect(good.stdout).toContain(
        `OK    rule sets: in force: qd24-2021, qd232-2025, qd294-2025; from the files in ${rulesDir}: qd24-2021.json\n`,
      );
      qd24.parameters.quorum = 5;
      writeFileSync(join(rulesDir, 'qd24-2021.json'), JSON.stringify(qd24));
      const bad = ketnap(['doctor'], env);
      expect(bad.status).toBe(1);
      const file = join(rulesDir, 'qd24-2021.json');
      expect(bad.stdout).toContain(
        `FAIL  rule sets: ${file}: unknown parameter: quorum: fix or remove this file (KETNAP_RULES_DIR)\n`,
      );
      const vi = ketnap(['doctor'], { ...env, KETNAP_LANG: 'vi' });
      expect(vi.stdout).toContain(`${file}: tham số không biết: quorum`);
    } finally {
      rmSync(rulesDir, { recursive: true, force: true });
    }
  });

  it('`doctor` fails on bad configuration and on a secret others can read, and says what to fix', () => {
    const bad = ketnap(['doctor'], { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en', KETNAP_EVENT_STORE: 'oracle' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe(
      'FAIL  configuration: KETNAP_EVENT_STORE: must be one of sqlite, memory, postgres, eventstoredb (got "oracle"): fix this variable\n',
    );
    const foreign = join(root, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'ketnap.db'), 'not a database, whatever its name');
    const notOurs = ketnap(['doctor'], { KETNAP_DATA_DIR: foreign, KETNAP_LANG: 'en' });
    expect(notOurs.status).toBe(1);
    expect(notOurs.stdout).toContain(
      `FAIL  store: ${join(foreign, 'ketnap.db')} does not open as ketnap's store (file is not a database): check KETNAP_DATA_DIR\n`,
    );
    chmodSync(join(dataDir, 'auth-secret'), 0o644);
    try {
      const open = ketnap(['doctor'], { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' });
      expect(open.status).toBe(1);
      const secret = join(dataDir, 'auth-secret');
      expect(open.stdout).toContain(`FAIL  secret: ${secret} has mode 0644, readable by others: chmod 600 ${secret}\n`);
    } finally {
      chmodSync(join(dataDir, 'auth-secret'), 0o600);
    }
  });
});
