import { EVENT_COMMANDS } from '../dossier/steps';
import { INSPECTION_CASE_EVENT_TYPES } from '../inspection/inspection-case';
import { EventSchemaError, decodeEvent, eventDecoder } from './decode-event';
import { UNKNOWN_EVENT, isDossierEvent, isInspectionCaseEvent, isStepEvent } from './domain-event';
import { EVENT_SCHEMAS, schemaVersionOf } from './event-schemas';

const envelope = (type: string, schemaVersion: number, data: unknown) => ({
  eventId: 'e-1',
  streamId: 'notifications',
  streamVersion: 4,
  type,
  schemaVersion,
  data,
});

describe('decodeEvent, the one decoder from a stored event to a typed one', () => {
  it('hands an event at the current schema version over as it is: no copy, no check', () => {
    const stored = envelope('CeremonyHeld', 1, { heldOn: '2024-06-10', ruleSet: 'qd24-2021' });
    expect(decodeEvent(stored)).toBe(stored);
  });

  it('brings a version 1 reminder to version 2: the reminder id is `reminderId`, the rest as stored', () => {
    const stored = envelope('ReminderSent', 1, { id: 'r-1', sender: 'log', status: 'sent', attempts: 2 });
    const decoded = decodeEvent(stored);
    expect(decoded).toEqual({
      ...stored,
      schemaVersion: 2,
      data: { reminderId: 'r-1', sender: 'log', status: 'sent', attempts: 2 },
    });
    expect(stored.data).toEqual({ id: 'r-1', sender: 'log', status: 'sent', attempts: 2 });
    const scheduled = envelope('ReminderScheduled', 1, {
      id: 'r-1',
      dossierId: 'd-1',
      obligation: 'admission-decision',
      dueOn: '2024-06-04',
      remindOn: '2024-05-21',
      unitId: 'chi-bo-thon-dong-lac',
    });
    expect(decodeEvent(scheduled).data).toEqual({
      reminderId: 'r-1',
      dossierId: 'd-1',
      obligation: 'admission-decision',
      dueOn: '2024-06-04',
      remindOn: '2024-05-21',
      unitId: 'chi-bo-thon-dong-lac',
    });
  });

  it('brings a version 1 plan to version 2: each warning stored as English text becomes a message showing it', () => {
    const plan = { year: 2024, committeeId: 'xa-dong', source: 'tsv', units: [] };
    const stored = envelope('PlanAdopted', 1, { ...plan, warnings: ['table 1 (branches), totals row: …'] });
    const decoded = decodeEvent(stored);
    expect(decoded.data).toEqual({
      ...plan,
      warnings: [{ key: 'plan.recorded-warning', params: { text: 'table 1 (branches), totals row: …' } }],
    });
    const current = envelope('PlanAdopted', 2, { ...plan, warnings: [{ key: 'plan.no-minimums' }] });
    expect(decodeEvent(current)).toBe(current);
  });

  it('brings a version 1 inspection case to version 2: the explanation stored as text becomes a message showing it', () => {
    const facts = { caseId: 'c-1', dossierId: 'd-1', branchId: 'b-1', obligation: 'admission-decision' };
    const decoded = decodeEvent(envelope('InspectionCaseOpened', 1, { ...facts, explanation: 'Due date: …' }));
    expect(decoded.data).toEqual({
      ...facts,
      explanation: [{ key: 'explain.recorded', params: { text: 'Due date: …' } }],
    });
  });

  it('hands a type it does not know over as an unknown event, its stored type and data kept', () => {
    const stored = envelope('MembershipTransferred', 3, { toBranchId: 'b-2' });
    const decoded = decodeEvent(stored);
    expect(decoded).toEqual({ ...stored, type: UNKNOWN_EVENT, storedType: 'MembershipTransferred' });
    expect(isDossierEvent(decoded)).toBe(false);
  });

  it('refuses a schema version newer than this release writes, naming the event and what to do', () => {
    const read = () => decodeEvent(envelope('ReminderSent', 3, { reminderId: 'r-1' }));
    expect(read).toThrow(EventSchemaError);
    expect(read).toThrow(
      'cannot read ReminderSent (notifications version 4): its schema version is 3, this release reads versions 1 to 2; a newer release wrote it, upgrade before reading this store',
    );
    expect(() => decodeEvent(envelope('CeremonyHeld', 0, {}))).toThrow(EventSchemaError);
    expect(() => decodeEvent(envelope('ReminderSent', 1.5, {}))).toThrow(EventSchemaError);
  });

  it('is stamped on writes: every event type has a schema version, and each older one an upcaster', () => {
    for (const [type, { version, upcasters = {} }] of Object.entries(EVENT_SCHEMAS)) {
      expect(schemaVersionOf(type as keyof typeof EVENT_SCHEMAS)).toBe(version);
      expect(Object.keys(upcasters).map(Number)).toEqual(Array.from({ length: version - 1 }, (_, i) => i + 1));
    }
    expect(schemaVersionOf('ReminderSent')).toBe(2);
    expect(schemaVersionOf('CandidateNominated')).toBe(1);
  });

  it('tells the kinds of event apart', () => {
    const step = decodeEvent(envelope('HelpersAssigned', 1, {}));
    const breach = decodeEvent(envelope('DeadlineBreached', 1, {}));
    const opened = decodeEvent(envelope('InspectionCaseOpened', 1, {}));
    expect([isDossierEvent(step), isStepEvent(step), isInspectionCaseEvent(step)]).toEqual([true, true, false]);
    expect([isDossierEvent(breach), isStepEvent(breach), isInspectionCaseEvent(breach)]).toEqual([true, false, false]);
    expect([isDossierEvent(opened), isStepEvent(opened), isInspectionCaseEvent(opened)]).toEqual([false, false, true]);
    const known = Object.keys(EVENT_SCHEMAS);
    expect(Object.keys(EVENT_COMMANDS).every((t) => known.includes(t))).toBe(true);
    expect(INSPECTION_CASE_EVENT_TYPES.every((t) => known.includes(t))).toBe(true);
  });
});

describe('eventDecoder: upcasters keyed by type and schema version', () => {
  const seen: string[] = [];
  const decode = eventDecoder({
    Counted: {
      version: 3,
      upcasters: {
        1: (data: { n: number }) => (seen.push('1→2'), { count: data.n }),
        2: (data: { count: number }) => (seen.push('2→3'), { count: data.count, unit: 'dossiers' }),
      },
    },
  });

  beforeEach(() => (seen.length = 0));

  it('runs the chain one version after the other, from the stored version to the current one', () => {
    expect(decode(envelope('Counted', 1, { n: 7 })).data).toEqual({ count: 7, unit: 'dossiers' });
    expect(seen).toEqual(['1→2', '2→3']);
    seen.length = 0;
    expect(decode(envelope('Counted', 2, { count: 7 }))).toMatchObject({
      schemaVersion: 3,
      data: { count: 7, unit: 'dossiers' },
    });
    expect(seen).toEqual(['2→3']);
  });

  it('refuses a version after the last one it knows', () => {
    expect(() => decode(envelope('Counted', 4, { count: 7, unit: 'dossiers' }))).toThrow(
      'its schema version is 4, this release reads versions 1 to 3; a newer release wrote it',
    );
    expect(seen).toEqual([]);
  });

  it('refuses a schema whose chain has a gap, before anything is read', () => {
    expect(() => eventDecoder({ Counted: { version: 3, upcasters: { 1: (data: never) => data } } })).toThrow(
      'Counted is at schema version 3 but has no upcaster from version 2',
    );
  });
});
