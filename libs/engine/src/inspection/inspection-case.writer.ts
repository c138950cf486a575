import { Inject, Injectable } from '@nestjs/common';
import {
  decideInspectionCase,
  evolveInspectionCase,
  initialInspectionCase,
  inspectionCaseId,
  inspectionCaseStreamId,
  isInspectionCaseEvent,
  type InspectionCaseCommand,
  type InspectionCaseFacts,
  type InspectionCaseState,
  type InspectionCaseStatus,
} from '@ketnap/domain';
import { EVENT_STORE, type DecodedEnvelope, type EventStore } from '@ketnap/event-store';
import { ActorScope } from '../auth/actor-scope';
import { hasPermission } from '../auth/permissions';
import type { CommandContext } from '../commands/command-context';
import { runCommand } from '../commands/command-pipeline';
import { AccessDeniedError } from '../commands/refusals';
import { UnitsReader } from '../units/units.reader';
import { SAGA_ACTOR, deterministicUuid } from '../deadlines/saga-ids';

/** A write's answer: the case's new version and status. */
export interface CaseWriteResult {
  id: string;
  version: number;
  /** `none`: a saga command on a case that does not exist appended nothing. */
  status: InspectionCaseStatus | 'none';
  appended: string[];
}

const evolve = (state: InspectionCaseState, e: DecodedEnvelope): InspectionCaseState =>
  isInspectionCaseEvent(e) ? evolveInspectionCase(state, e) : state;

/**
 * Whether the dossier, read at the time of asking, holds an active (not withdrawn) breach of the case's
 * due date. The saga records a breach or its withdrawal on the dossier before it opens or withdraws the
 * case, so a process that asks after reading the case sees the dossier at least as new as the case.
 */
export type BreachActive = () => Promise<boolean>;

/**
 * The write path of inspection cases (stream `inspection-case-<caseId>`): the saga opens and withdraws
 * them; the inspection committee acknowledges and closes them. Event ids derive from the case id and
 * the stream version, so two workers racing on one case append once (the loser re-reads, decides nothing).
 * The saga's writes follow the dossier as it is, not as the saga read it: a process that read the
 * dossier before another one withdrew the breach (or recorded it again) changes nothing.
 */
@Injectable()
export class InspectionCaseWriter {
  private readonly units: UnitsReader;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.units = new UnitsReader(store);
  }

  /** Saga-issued; idempotent. Opens nothing unless `breachActive` answers yes when the case would open. */
  open(facts: InspectionCaseFacts, breachActive: BreachActive, causationId?: string): Promise<CaseWriteResult> {
    const caseId = inspectionCaseId(facts.dossierId, facts.obligation, facts.dueOn);
    return this.write(caseId, { type: 'OpenInspectionCase', data: facts }, this.sagaContext(causationId), {
      when: breachActive,
    });
  }

  /**
   * Saga-issued when the breach is withdrawn; idempotent, and a closed case keeps its finding. Withdraws
   * nothing while `breachActive` answers yes (the breach came back since the caller read the dossier).
   */
  withdraw(caseId: string, reason: string, breachActive: BreachActive, causationId?: string): Promise<CaseWriteResult> {
    const withdrawable = async () => !(await breachActive());
    return this.write(caseId, { type: 'WithdrawInspectionCase', data: { reason } }, this.sagaContext(causationId), {
      when: withdrawable,
    });
  }

  /**
   * The inspection committee's steps (`POST /inspection/cases/{id}/acknowledge|close`): the actor's role
   * works cases (`inspection:work`) and its units reach the case's branch (API.md "Access").
   */
  async work(caseId: string, command: InspectionCaseCommand, context: CommandContext): Promise<CaseWriteResult> {
    if (!hasPermission(context.actor.role, 'inspection:work'))
      throw new AccessDeniedError('FORBIDDEN.inspection-role', { role: context.actor.role });
    const scope = ActorScope.of(context.actor, await this.units.catalog());
    const access = (state: InspectionCaseState) => {
      if (state.facts && !scope.covers(state.facts.branchId)) throw new AccessDeniedError('FORBIDDEN.units-work-case');
    };
    return this.write(caseId, command, context, { access });
  }

  private async write(
    caseId: string,
    command: InspectionCaseCommand,
    context: CommandContext,
    guards: {
      access?: (state: InspectionCaseState) => void;
      /** Asked, after the case is read, only when the command would append: no means append nothing. */
      when?: () => Promise<boolean>;
    },
  ): Promise<CaseWriteResult> {
    const streamId = inspectionCaseStreamId(caseId);
    const { result } = await runCommand(
      this.store,
      {
        streamId,
        resource: { key: 'resource.inspection-case', params: { id: caseId } },
        initialState: initialInspectionCase,
        evolve,
        authorize: guards.access,
        decide: async (state, version) => {
          const events = decideInspectionCase(command, state);
          if (events.length > 0 && guards.when && !(await guards.when())) return [];
          return events.map((e, i) => ({ ...e, eventId: deterministicUuid(`${streamId}/${version + i + 1}`) }));
        },
        result: (state, version, appended) => ({
          id: caseId,
          version,
          status: state.status,
          appended: appended.map((e) => e.type),
        }),
      },
      context,
    );
    return result;
  }

  private sagaContext(causationId: string | undefined): CommandContext {
    return { actor: SAGA_ACTOR, correlationId: causationId ?? 'deadline-saga', system: true };
  }
}
