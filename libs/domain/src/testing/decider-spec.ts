import type { DossierCommand } from '../dossier/commands';
import type { DecideContext } from '../dossier/context';
import { decide } from '../dossier/decide';
import type { DossierEvent, RecordedDossierEvent } from '../dossier/events';
import { evolve } from '../dossier/evolve';
import { initialState, type DossierState } from '../dossier/state';
import { DomainError } from '../errors/domain-error';
import type { RuleCode } from '../rules/rule-codes';

/** An event of the history: typed, or a hand-written literal (`eventId` optional). */
export type GivenEvent =
  DossierEvent | RecordedDossierEvent | { type: DossierEvent['type']; data: object; eventId?: string };

/** Gives each event an id (`e1`, `e2`, …) unless it has one, as the store would. */
export const recorded = (events: readonly GivenEvent[]): RecordedDossierEvent[] =>
  events.map(
    (e, i) => ('eventId' in e && e.eventId !== undefined ? e : { ...e, eventId: `e${i + 1}` }) as RecordedDossierEvent,
  );

export const fold = (events: readonly GivenEvent[]): DossierState => recorded(events).reduce(evolve, initialState());

export interface Then {
  /** The command records exactly these events, and they fold without error. */
  then(expected: ReadonlyArray<{ type: DossierEvent['type']; data: object }>): void;
  thenNothingHappened(): void;
  /** The command is refused with this rule code (and these details); the state is left unchanged. */
  thenThrows(code: RuleCode, details?: Record<string, unknown>): void;
}

/**
 * Given/when/then for the dossier decider (after Emmett's `DeciderSpecification`):
 * `spec(given).when(command).then(events)` or `.thenThrows('AGE_OUT_OF_RANGE')`.
 */
export function deciderSpec(
  ctx: DecideContext,
): (given?: readonly GivenEvent[]) => { when(command: DossierCommand): Then } {
  return (given = []) => ({
    when(command) {
      const state = fold(given);
      const run = () => decide(command, state, ctx);
      return {
        then(expected) {
          const events = run();
          expect(events).toEqual(expected);
          expect(() => recorded([...given, ...events]).reduce(evolve, initialState())).not.toThrow();
        },
        thenNothingHappened() {
          expect(run()).toEqual([]);
        },
        thenThrows(code, details) {
          const before = JSON.stringify(state);
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(DomainError);
          const error = caught as DomainError;
          expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.any(String) });
          if (details) expect(error.details).toMatchObject(details);
          expect(JSON.stringify(state)).toBe(before);
        },
      };
    },
  });
}
