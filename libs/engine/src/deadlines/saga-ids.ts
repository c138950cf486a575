import { createHash } from 'node:crypto';
import { addDays, startOfLegalDate, type Actor, type LocalDate, type ObligationCode } from '@ketnap/domain';

/** Who the deadline saga's events name as their actor. */
export const SAGA_ACTOR: Actor = { sub: 'ketnap-deadline-saga', role: 'system', unitIds: [] };

/** A UUID-shaped id derived from a key: the same key always gives the same id (saga output). */
export function deterministicUuid(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** DESIGN.md §5: one timer per open obligation, `dossierId_obligation_dueOn` (no `:`, BullMQ's separator). */
export const timerIdOf = (dossierId: string, obligation: ObligationCode, dueOn: LocalDate): string =>
  `${dossierId}_${obligation}_${dueOn}`;

/**
 * When the timer of a due date fires: local midnight (Asia/Ho_Chi_Minh) at the start of the day after
 * it, the first instant at which the obligation is late (DOMAIN.md §3: a step dated on the due date
 * is on time). For 2024-06-04 that is 2024-06-04T17:00:00Z.
 */
export const lateFrom = (dueOn: LocalDate): Date => startOfLegalDate(addDays(dueOn, 1));

/**
 * The key of the `n`-th breach of an obligation for one due date (`n` = breaches already recorded and
 * withdrawn for it): its event id and command id derive from it, so a duplicate firing appends nothing.
 */
export function breachKey(dossierId: string, obligation: ObligationCode, dueOn: LocalDate, n: number): string {
  return `${dossierId}/${obligation}/${dueOn}/breach${n > 0 ? `/${n}` : ''}`;
}

export function withdrawalKey(dossierId: string, obligation: ObligationCode, dueOn: LocalDate, n: number): string {
  return `${dossierId}/${obligation}/${dueOn}/withdrawal${n > 0 ? `/${n}` : ''}`;
}
