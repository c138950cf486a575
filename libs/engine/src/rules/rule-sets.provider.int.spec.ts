import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RULE_SETS,
  createVietnamCalendar,
  dossierStreamId,
  obligationsOf,
  ruleSetById,
  startOfLegalDate,
  type DossierCommand,
  type RuleSet,
} from '@ketnap/domain';
import { SqliteEventStore } from '@ketnap/event-store';
import { command, MAIN_LINE } from '@ketnap/domain/testing';
import { ManualClock } from '../clock/clock';
import { ConfigError } from '../config/config';
import { DossierService } from '../dossiers/dossier.service';
import { historyItem } from '../dossiers/dossier.view';
import { recordUnits } from '../testing/record-units';
import {
  builtInRuleSets,
  loadRuleSets,
  ruleSetHash,
  versionedWithRules,
  type LoadedRuleSets,
} from './rule-sets.provider';

const office = { sub: 'office-1', role: 'office', unitIds: ['dang-uy-xa-dong-tien'] };
const calendar = createVietnamCalendar();

/** A rule set as its data file writes it. */
const fileOf = (set: RuleSet, change: Record<string, unknown> = {}) => ({
  format: 1,
  id: set.id,
  title: set.title,
  effectiveFrom: set.effectiveFrom,
  ...(set.effectiveTo && { effectiveTo: set.effectiveTo }),
  parameters: set.parameters,
  ...change,
});
const qd24 = ruleSetById('qd24-2021')!;
const qd294 = ruleSetById('qd294-2025')!;

describe('the rule sets the engine loads (KETNAP_RULES_DIR)', () => {
  let dir: string;
  let rulesDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ketnap-rules-'));
    rulesDir = join(dir, 'rules');
    mkdirSync(rulesDir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) =>
    writeFileSync(join(rulesDir, name), typeof content === 'string' ? content : JSON.stringify(content));

  it('are the built-in ones without a folder or with an empty one, none from the operator', () => {
    for (const folder of [join(dir, 'none'), rulesDir]) {
      const rules = loadRuleSets({ rulesDir: folder });
      expect(rules.sets).toEqual(RULE_SETS);
      expect(rules.operatorFiles.size).toBe(0);
    }
    const rules = builtInRuleSets();
    expect(rules.hashOf('qd24-2021')).toMatch(/^[0-9a-f]{16}$/);
    expect(rules.hashOf('qd24-2021')).toBe(rules.hashOf('qd232-2025')); // the same figures
    expect(rules.hashOf('qd294-2025')).not.toBe(rules.hashOf('qd24-2021')); // its authority default differs
    expect(rules.hashOf('nope')).toBeUndefined();
  });

  it("replaces a built-in set by id and adds the operator's new one, ignoring other files", () => {
    write('qd24-2021.json', fileOf(qd24, { parameters: { ...qd24.parameters, admissionDecisionWorkingDays: 45 } }));
    write('qd294-2025.json', fileOf(qd294, { effectiveTo: '2025-12-31' }));
    write('rev-2026.json', fileOf(qd294, { id: 'rev-2026', title: '2026 revision', effectiveFrom: '2026-01-01' }));
    write('notes.txt', 'not a rule set');
    const rules = loadRuleSets({ rulesDir });
    expect(rules.sets.map((s) => s.id)).toEqual(['qd24-2021', 'qd232-2025', 'qd294-2025', 'rev-2026']);
    expect([...rules.operatorFiles.keys()].sort()).toEqual(['qd24-2021', 'qd294-2025', 'rev-2026']);
    expect(rules.operatorFiles.get('qd24-2021')).toBe(join(rulesDir, 'qd24-2021.json'));
    expect(rules.hashOf('qd24-2021')).not.toBe(builtInRuleSets().hashOf('qd24-2021'));
    expect(rules.hashOf('qd294-2025')).toBe(builtInRuleSets().hashOf('qd294-2025')); // same figures, new period
  });

  it('versions the read models that depend on them: unchanged without operator files, changed with each new content', () => {
    const deadlines = { name: 'deadlines', version: 3 };
    expect(builtInRuleSets().readModelVersion).toBe(0);
    expect(versionedWithRules(deadlines, builtInRuleSets())).toBe(deadlines);
    write('qd24-2021.json', fileOf(qd24, { parameters: { ...qd24.parameters, admissionDecisionWorkingDays: 45 } }));
    const first = loadRuleSets({ rulesDir });
    expect(Number.isSafeInteger(versionedWithRules(deadlines, first).version)).toBe(true);
    expect(versionedWithRules(deadlines, first).version).toBe(3 + first.readModelVersion);
    expect(first.readModelVersion).toBeGreaterThanOrEqual(1000);
    expect(loadRuleSets({ rulesDir }).readModelVersion).toBe(first.readModelVersion);
    write('qd24-2021.json', fileOf(qd24, { parameters: { ...qd24.parameters, admissionDecisionWorkingDays: 50 } }));
    expect(loadRuleSets({ rulesDir }).readModelVersion).not.toBe(first.readModelVersion);
    write('qd24-2021.json', fileOf(qd24));
    expect(loadRuleSets({ rulesDir }).readModelVersion).not.toBe(0); // an operator file, even with the same figures
  });

  it.each<[string, string, unknown, RegExp]>([
    ['unparsable JSON', 'qd24-2021.json', '{ "format": 1, ', /qd24-2021\.json: not valid JSON/],
    [
      'an unknown parameter',
      'qd24-2021.json',
      fileOf(qd24, { parameters: { ...qd24.parameters, quorum: 5 } }),
      /qd24-2021\.json: unknown parameter: quorum/,
    ],
    [
      'a missing parameter',
      'qd24-2021.json',
      fileOf(qd24, { parameters: { ...qd24.parameters, minAgeYears: undefined } }),
      /qd24-2021\.json: missing parameter: minAgeYears/,
    ],
    [
      'a parameter of the wrong type',
      'qd24-2021.json',
      fileOf(qd24, { parameters: { ...qd24.parameters, ceremonyWorkingDays: 'thirty' } }),
      /qd24-2021\.json: parameter ceremonyWorkingDays must be a whole number ≥ 1 \(got "thirty"\)/,
    ],
    [
      'effectiveTo before effectiveFrom',
      'qd24-2021.json',
      fileOf(qd24, { effectiveTo: '2021-01-01' }),
      /qd24-2021\.json: effectiveTo 2021-01-01 is before effectiveFrom 2021-07-30/,
    ],
    [
      'overlapping periods',
      'rev-2026.json',
      fileOf(qd294, { id: 'rev-2026', effectiveFrom: '2026-01-01' }),
      /rev-2026\.json: the effective period of rev-2026 overlaps qd294-2025/,
    ],
    [
      'a gap between periods',
      'qd24-2021.json',
      fileOf(qd24, { effectiveTo: '2024-12-31' }),
      /qd24-2021\.json: between qd24-2021 and qd232-2025 .* no rule set is in force from 2025-01-01/,
    ],
  ])('stops the start on %s, in one line naming KETNAP_RULES_DIR and the file', (_, name, content, problem) => {
    write(name, content);
    let caught: unknown;
    try {
      loadRuleSets({ rulesDir });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.variable).toBe('KETNAP_RULES_DIR');
    expect(error.message).toMatch(problem);
    expect(error.message).toContain(join(rulesDir, name));
    expect(error.message).not.toContain('\n');
  });
});

describe("an operator's rule set file on the write path", () => {
  let dir: string;
  let store: SqliteEventStore;
  const clock = new ManualClock(startOfLegalDate('2025-12-31'));
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ketnap-rules-'));
    mkdirSync(join(dir, 'rules'));
    store = new SqliteEventStore({ path: join(dir, 'ketnap.db'), clock: () => clock.now() });
    await recordUnits(store);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const operatorRules = (parameters: Partial<RuleSet['parameters']>): LoadedRuleSets => {
    const file = fileOf(qd24, { parameters: { ...qd24.parameters, ...parameters } });
    writeFileSync(join(dir, 'rules', 'qd24-2021.json'), JSON.stringify(file));
    return loadRuleSets({ rulesDir: join(dir, 'rules') });
  };

  async function throughStep(service: DossierService, last: (typeof MAIN_LINE)[number]) {
    const { id } = await service.nominate(command('NominateCandidate'), { actor: office });
    for (const type of MAIN_LINE.slice(1, MAIN_LINE.indexOf(last) + 1))
      await service.execute(id, command(type) as DossierCommand, { actor: office });
    return id;
  }
  const admissionDue = async (service: DossierService, id: string) => {
    const loaded = (await service.load(id))!;
    return obligationsOf(loaded.state, calendar, { ruleSets: service.rules.sets }).find(
      (o) => o.obligation === 'admission-decision',
    );
  };

  it('moves the admission-decision due date (60 → 45 working days) and records the changed parameters hash', async () => {
    const builtIn = new DossierService(store, clock, calendar);
    const faster = new DossierService(
      store,
      clock,
      calendar,
      undefined,
      operatorRules({ admissionDecisionWorkingDays: 45 }),
    );
    const before = await throughStep(builtIn, 'RecordBranchResolution');
    const after = await throughStep(faster, 'RecordBranchResolution');

    const branchOn = command('RecordBranchResolution').data.meetingOn;
    expect(await admissionDue(builtIn, before)).toMatchObject({
      dueOn: calendar.addWorkingDays(branchOn, 60).date,
      period: { workingDays: 60 },
    });
    expect(await admissionDue(faster, after)).toMatchObject({
      dueOn: calendar.addWorkingDays(branchOn, 45).date,
      period: { workingDays: 45 },
      ruleSet: 'qd24-2021',
    });
    expect(calendar.addWorkingDays(branchOn, 45).date < calendar.addWorkingDays(branchOn, 60).date).toBe(true);

    const adopted = async (id: string) =>
      (await store.readStream(dossierStreamId(id))).find((e) => e.type === 'BranchResolutionAdopted')!;
    const [old, changed] = [await adopted(before), await adopted(after)];
    expect(old.metadata).toMatchObject({ ruleSet: 'qd24-2021', ruleSetHash: ruleSetHash(qd24) });
    expect(changed.metadata).toMatchObject({ ruleSet: 'qd24-2021', ruleSetHash: faster.rules.hashOf('qd24-2021') });
    expect(changed.metadata.ruleSetHash).not.toBe(old.metadata.ruleSetHash);
    expect(historyItem(changed)).toMatchObject({ ruleSet: 'qd24-2021', ruleSetHash: changed.metadata.ruleSetHash });
    expect(old.data).toEqual(changed.data); // the event's data keeps its shape
  });

  it("ends the probation by the operator's probationMonths, in the fold and its as-of reads", async () => {
    const shorter = new DossierService(store, clock, calendar, undefined, operatorRules({ probationMonths: 6 }));
    const id = await throughStep(shorter, 'HoldCeremony');
    const heldOn = command('HoldCeremony').data.heldOn;
    expect(heldOn).toBe('2024-06-10');
    expect((await shorter.load(id))!.state.probationEndsOn).toBe('2024-12-10');
    expect((await shorter.current(id))!.state.probationEndsOn).toBe('2024-12-10');
    expect((await shorter.load(id, { asOf: '2024-07-01' }))!.state.probationEndsOn).toBe('2024-12-10');
    expect((await new DossierService(store, clock, calendar).load(id))!.state.probationEndsOn).toBe('2025-06-10');
  });
});
