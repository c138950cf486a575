import {
  decodeEvent,
  evolveAll,
  initialState,
  laidOutInitialState,
  obligationEventOf,
  obligationsOf,
  recordedOf,
  type RecordedDossierEvent,
} from '@ketnap/domain';
import { calendar } from '@ketnap/domain/testing';
import { MemoryEventStore } from '@ketnap/event-store';
import { writeSyntheticLog } from '../testing/synthetic-log';

/** The synthetic log's dossiers as the deadlines board keeps them: each one's events cut by `obligationEventOf`, and uncut. */
async function syntheticDossiers(): Promise<Array<{ cut: RecordedDossierEvent[]; all: RecordedDossierEvent[] }>> {
  const store = new MemoryEventStore();
  await writeSyntheticLog(store, { dossiers: 300, maxEvents: 6_000, seed: 7 });
  const byStream = new Map<string, { cut: RecordedDossierEvent[]; all: RecordedDossierEvent[] }>();
  for (
    let page = await store.readAll({ limit: 1_000 });
    ;
    page = await store.readAll({ after: page.checkpoint, limit: 1_000 })
  ) {
    for (const e of page.events.map(decodeEvent)) {
      const recorded = recordedOf(e);
      if (!recorded) continue;
      let dossier = byStream.get(e.streamId);
      if (!dossier) byStream.set(e.streamId, (dossier = { cut: [], all: [] }));
      dossier.all.push(recorded);
      const kept = obligationEventOf(recorded);
      if (kept) dossier.cut.push(kept);
    }
    if (page.isEnd) break;
  }
  return [...byStream.values()];
}

describe('the deadlines board fold from one layout (laidOutInitialState)', () => {
  let dossiers: Awaited<ReturnType<typeof syntheticDossiers>>;
  beforeAll(async () => {
    dossiers = await syntheticDossiers();
  });

  it('reads the synthetic log as dossiers with corrections and breaches', () => {
    expect(dossiers.length).toBeGreaterThan(250);
    const types = new Set(dossiers.flatMap((d) => d.all.map((e) => e.type)));
    for (const type of ['StepCorrected', 'DeadlineBreached', 'CeremonyHeld', 'RecognitionDecided'])
      expect(types).toContain(type);
  });

  it('gives the same obligations, branch and closing date as a fold from initialState()', () => {
    for (const { cut } of dossiers) {
      const laidOut = evolveAll(laidOutInitialState(), cut);
      const plain = evolveAll(initialState(), cut);
      expect(obligationsOf(laidOut, calendar, { reminderDays: [10, 3] })).toEqual(
        obligationsOf(plain, calendar, { reminderDays: [10, 3] }),
      );
      expect([laidOut.branchId, laidOut.closedOn, laidOut.stage]).toEqual([
        plain.branchId,
        plain.closedOn,
        plain.stage,
      ]);
    }
  });

  it('is initialState() with every other field there, undefined', () => {
    const laidOut = laidOutInitialState();
    const set = Object.fromEntries(Object.entries(laidOut).filter(([, value]) => value !== undefined));
    expect(set).toStrictEqual(initialState());
    expect(Object.keys(laidOut).length).toBeGreaterThan(Object.keys(set).length);
  });

  it('names every field a fold sets, so that folding adds no property', () => {
    const fields = Object.keys(laidOutInitialState());
    for (const { all, cut } of dossiers) {
      for (const key of Object.keys(evolveAll(initialState(), all))) expect(fields).toContain(key);
      expect(Object.keys(evolveAll(laidOutInitialState(), all))).toEqual(fields);
      expect(Object.keys(evolveAll(laidOutInitialState(), cut))).toEqual(fields);
    }
  });
});
