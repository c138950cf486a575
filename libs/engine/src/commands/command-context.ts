import type { Actor } from '@ketnap/event-store';

/**
 * What a command carries besides its data: who sends it (a token's actor, or the engine itself), the
 * ids recorded on its events, the version the sender saw (`expectedVersion`: a stale one is refused;
 * without it a lost race is retried), and what makes a resend safe: a client's `idempotencyKey`
 * (scoped to its actor) or a saga's deterministic `commandId`.
 */
export interface CommandContext {
  actor: Actor;
  correlationId?: string;
  causationId?: string;
  expectedVersion?: number;
  idempotencyKey?: string;
  /** A command id of the engine's own making (the saga's), used as it is. */
  commandId?: string;
  /** A write of the engine itself (the deadline saga): not checked against a role or units. */
  system?: boolean;
}

/**
 * The store's command id of a write: the saga's own, or the client's key scoped to its actor (two
 * clients never share a key) and to a `part` (one request writing several streams, or the kind of
 * command); `undefined` when the write is not idempotent.
 */
export function commandIdOf(context: CommandContext, part?: string): string | undefined {
  if (context.commandId !== undefined) return context.commandId;
  if (context.idempotencyKey === undefined) return undefined;
  const { sub } = context.actor;
  return `idem:${sub.length}:${sub}:${context.idempotencyKey}${part ? `#${part}` : ''}`;
}
