import { Inject, Injectable } from '@nestjs/common';
import { legalDateOf, obligationsOf, type Obligation, type WorkingDayCalendar } from '@ketnap/domain';
import { CALENDAR } from '../calendar/calendar.provider';
import { CLOCK, type Clock } from '../clock/clock';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { DossierService, type LoadedDossier } from '../dossiers/dossier.service';
import { BreachEscalation, withdrawalReason } from './breach-escalation';
import { KeyedLock } from './keyed-lock';
import type { SagaCause } from './saga-hooks';
import { SagaTimers } from './saga-timers';

export interface ReconcileOutcome {
  breached: number;
  withdrawn: number;
}

const NOTHING: ReconcileOutcome = { breached: 0, withdrawn: 0 };
const isLate = (o: Obligation) => o.status === 'breached' || o.status === 'met-late';

/**
 * The deadline saga (DESIGN.md §5): brings one dossier's deadline effects in line with its recorded
 * steps and the clock's legal date (Asia/Ho_Chi_Minh). Every path (a new event in the log, a timer
 * firing, the sweep) runs this one function, so a duplicate, late or lost firing changes nothing.
 * Reminders are the sweep's (`ReminderService`): a slow webhook never holds up a breach.
 */
@Injectable()
export class DeadlineSaga {
  private readonly lock = new KeyedLock();
  private breaches = 0;

  constructor(
    private readonly dossiers: DossierService,
    private readonly escalation: BreachEscalation,
    private readonly timers: SagaTimers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
  ) {}

  /** Breaches this process recorded since it started (the manual clock reports the difference). */
  breachCount(): number {
    return this.breaches;
  }

  /** Re-reads the dossier and acts; one dossier at a time within this process. */
  reconcile(dossierId: string, cause: SagaCause): Promise<ReconcileOutcome> {
    return this.lock.run(dossierId, () => this.reconcileNow(dossierId, cause));
  }

  private async reconcileNow(dossierId: string, cause: SagaCause): Promise<ReconcileOutcome> {
    const loaded = await this.dossiers.load(dossierId);
    if (!loaded) return NOTHING;
    const today = legalDateOf(this.clock.now());
    const obligations = obligationsOf(loaded.state, this.calendar, {
      today,
      reminderDays: this.config.reminderDays,
      ruleSets: this.dossiers.rules.sets,
    });
    const outcome = { ...NOTHING };
    outcome.withdrawn = await this.withdrawStale(loaded, obligations);
    const escalating = obligations.filter((o) => o.escalates);
    await this.timers.sync(
      dossierId,
      escalating
        .filter((o) => o.status === 'open')
        .map((o) => ({ dossierId, obligation: o.obligation, dueOn: o.dueOn })),
    );
    for (const o of escalating.filter(isLate)) {
      if (await this.escalation.escalate(loaded, o, cause)) outcome.breached += 1;
    }
    this.breaches += outcome.breached;
    return outcome;
  }

  /** Withdraws recorded breaches the recorded dates no longer support, and the cases of withdrawn ones. */
  private async withdrawStale(loaded: LoadedDossier, obligations: Obligation[]): Promise<number> {
    let withdrawn = 0;
    const { breaches } = loaded.state;
    for (const breach of breaches) {
      const now = obligations.find((o) => o.obligation === breach.obligation);
      if (!breach.withdrawn) {
        const holds = now !== undefined && now.dueOn === breach.dueOn && isLate(now);
        if (!holds && (await this.escalation.withdraw(loaded, breach, withdrawalReason(breach, now)))) withdrawn += 1;
      } else if (
        !breaches.some((b) => b.obligation === breach.obligation && b.dueOn === breach.dueOn && !b.withdrawn)
      ) {
        await this.escalation.withdrawCase(loaded.id, breach, breach.withdrawn.reason);
      }
    }
    return withdrawn;
  }
}
