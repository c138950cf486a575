import { DomainError } from '../../errors/domain-error';
import { obligationsOf } from '../../obligations/obligations';
import { compareDates } from '../../time/local-date';
import type { RecordDeadlineBreach, WithdrawDeadlineBreach } from '../commands';
import { ruleSetFor, ruleSetsOf, todayOf, type DecideContext } from '../context';
import type { DeadlineBreached, DeadlineBreachWithdrawn } from '../events';
import { notInFuture } from '../rules/dates.rule';
import type { DossierState } from '../state';

const activeBreach = (state: DossierState, obligation: string, dueOn: string) =>
  state.breaches.find((b) => b.obligation === obligation && b.dueOn === dueOn && !b.withdrawn);

/**
 * Saga-issued: an obligation passed its due date (QĐ 24-QĐ/TW 4.3.1: the late body answers to the
 * committee above). Idempotent: a breach already recorded for the same due date gives no event.
 */
export function recordDeadlineBreach(
  data: RecordDeadlineBreach['data'],
  state: DossierState,
  ctx: DecideContext,
): DeadlineBreached[] {
  if (activeBreach(state, data.obligation, data.dueOn)) return [];
  const today = todayOf(ctx);
  notInFuture(data.breachedOn, 'breachedOn', today);
  const found = obligationsOf(state, ctx.calendar, { today, ruleSets: ruleSetsOf(ctx) }).find(
    (o) => o.obligation === data.obligation,
  );
  const overdue =
    found !== undefined &&
    found.escalates &&
    found.dueOn === data.dueOn &&
    (found.status === 'breached' || found.status === 'met-late') &&
    compareDates(data.breachedOn, data.dueOn) > 0;
  if (!overdue) {
    throw new DomainError(
      'DEADLINE_NOT_BREACHED',
      { obligation: { key: `obligation.${data.obligation}` }, dueOn: data.dueOn },
      {
        obligation: data.obligation,
        dueOn: data.dueOn,
        current: found && { dueOn: found.dueOn, status: found.status },
      },
    );
  }
  return [{ type: 'DeadlineBreached', data: { ...data, ruleSet: ruleSetFor(data.breachedOn, ctx).id } }];
}

/** Saga-issued: a recorded breach no longer holds. Idempotent: nothing to withdraw gives no event. */
export function withdrawDeadlineBreach(
  data: WithdrawDeadlineBreach['data'],
  state: DossierState,
  ctx: DecideContext,
): DeadlineBreachWithdrawn[] {
  if (!activeBreach(state, data.obligation, data.dueOn)) return [];
  const withdrawnOn = todayOf(ctx);
  return [
    { type: 'DeadlineBreachWithdrawn', data: { ...data, withdrawnOn, ruleSet: ruleSetFor(withdrawnOn, ctx).id } },
  ];
}
