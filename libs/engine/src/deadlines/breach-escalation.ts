import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  addDays,
  explainObligation,
  inspectionCaseId,
  isDomainError,
  type BreachRecord,
  type Obligation,
} from '@ketnap/domain';
import { DossierService, type LoadedDossier } from '../dossiers/dossier.service';
import { InspectionCaseWriter, type BreachActive } from '../inspection/inspection-case.writer';
import { SAGA_ACTOR, breachKey, deterministicUuid, withdrawalKey } from './saga-ids';
import { SAGA_HOOKS, type SagaCause, type SagaHooks } from './saga-hooks';

const sameDueDate = (b: BreachRecord, o: { obligation: string; dueOn: string }) =>
  b.obligation === o.obligation && b.dueOn === o.dueOn;

/**
 * The saga's effects on a dossier and its inspection case. Every one is idempotent: deterministic
 * command and event ids (from dossier, obligation, due date and how many breaches that due date had
 * before), and deciders that record nothing when the fact is already there. The dossier is written
 * first; the case follows the dossier as it is when the case is written, so a process acting on a
 * dossier it read before another process withdrew (or recorded again) the breach leaves the case as
 * the dossier says.
 */
@Injectable()
export class BreachEscalation {
  constructor(
    private readonly dossiers: DossierService,
    private readonly cases: InspectionCaseWriter,
    @Optional() @Inject(SAGA_HOOKS) private readonly hooks: SagaHooks = {},
  ) {}

  /**
   * DOMAIN.md §3, "if missed: escalate" (QĐ 24-QĐ/TW 4.1, 4.2.1, 4.3.1): records `DeadlineBreached`
   * on the dossier, unless a breach for this due date is there, then opens the inspection case.
   * A step dated after its due date (`met-late`) is a breach at once, even when no timer fired.
   * @returns whether this call appended the breach.
   */
  async escalate(loaded: LoadedDossier, o: Obligation, cause: SagaCause): Promise<boolean> {
    const { id: dossierId, state } = loaded;
    const active = state.breaches.find((b) => sameDueDate(b, o) && !b.withdrawn);
    const breachedOn = active?.breachedOn ?? addDays(o.dueOn, 1);
    const workingDaysLate = active?.workingDaysLate ?? o.workingDaysLate ?? 1;
    let appended = false;
    if (!active) {
      const key = breachKey(dossierId, o.obligation, o.dueOn, state.breaches.filter((b) => sameDueDate(b, o)).length);
      try {
        const outcome = await this.dossiers.execute(
          dossierId,
          {
            type: 'RecordDeadlineBreach',
            data: { obligation: o.obligation, dueOn: o.dueOn, breachedOn, workingDaysLate },
          },
          {
            actor: SAGA_ACTOR,
            system: true,
            commandId: `saga/${key}`,
            eventIds: [deterministicUuid(key)],
            causationId: key,
          },
        );
        appended = !outcome.duplicate && outcome.appended.includes('DeadlineBreached');
      } catch (error) {
        if (isDomainError(error) && error.code === 'DEADLINE_NOT_BREACHED') return false;
        throw error;
      }
    }
    await this.hooks.beforeCaseOpened?.({ dossierId, obligation: o.obligation, dueOn: o.dueOn, cause });
    const branchId = state.branchId ?? '';
    await this.cases.open(
      {
        dossierId,
        branchId,
        obligation: o.obligation,
        dueOn: o.dueOn,
        breachedOn,
        workingDaysLate,
        explanation: explainObligation(o),
      },
      this.breachActive(dossierId, o),
    );
    return appended;
  }

  /**
   * A recorded breach the recorded legal dates no longer support (a back-filled step on time, an
   * extension or correction that moved the due date): `DeadlineBreachWithdrawn` with the reason, and
   * the case withdrawn with it. Both stay in the history.
   * @returns whether this call appended the withdrawal.
   */
  async withdraw(loaded: LoadedDossier, breach: BreachRecord, reason: string): Promise<boolean> {
    const { id: dossierId, state } = loaded;
    const n = state.breaches.filter((b) => sameDueDate(b, breach) && b.withdrawn).length;
    const key = withdrawalKey(dossierId, breach.obligation, breach.dueOn, n);
    const outcome = await this.dossiers.execute(
      dossierId,
      { type: 'WithdrawDeadlineBreach', data: { obligation: breach.obligation, dueOn: breach.dueOn, reason } },
      {
        actor: SAGA_ACTOR,
        system: true,
        commandId: `saga/${key}`,
        eventIds: [deterministicUuid(key)],
        causationId: key,
      },
    );
    await this.withdrawCase(dossierId, breach, reason, key);
    return !outcome.duplicate && outcome.appended.includes('DeadlineBreachWithdrawn');
  }

  /** Withdraws the case of a withdrawn breach, unless the dossier holds a breach of that due date again. */
  async withdrawCase(dossierId: string, breach: BreachRecord, reason: string, causationId?: string): Promise<void> {
    const caseId = inspectionCaseId(dossierId, breach.obligation, breach.dueOn);
    await this.cases.withdraw(caseId, reason, this.breachActive(dossierId, breach), causationId);
  }

  /** Asks the dossier as it is then (not as the caller read it) for an active breach of the due date. */
  private breachActive(dossierId: string, due: { obligation: string; dueOn: string }): BreachActive {
    return async () => {
      const now = await this.dossiers.current(dossierId);
      return now?.state.breaches.some((b) => sameDueDate(b, due) && !b.withdrawn) ?? false;
    };
  }
}

/** Why a recorded breach no longer holds, in words the office and the committee understand. */
export function withdrawalReason(breach: BreachRecord, now: Obligation | undefined): string {
  if (now?.dueOn === breach.dueOn && now.metOn !== undefined) {
    return `The recorded legal dates show the ${breach.obligation} obligation was met on time: on ${now.metOn}, due ${breach.dueOn}.`;
  }
  if (now && now.dueOn !== breach.dueOn)
    return `The due date of the ${breach.obligation} obligation moved from ${breach.dueOn} to ${now.dueOn}.`;
  return `The recorded steps no longer give a ${breach.obligation} obligation due on ${breach.dueOn}.`;
}
