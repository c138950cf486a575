import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  dossierStreamId,
  legalDateOf,
  STEP_COMMANDS,
  type DossierCommand,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import { EVENT_STORE, type EventStore, type VerifyResult } from '@ketnap/event-store';
import { ActorScope, type ScopedActor } from '../auth/actor-scope';
import { assertReadable, recordableSteps } from '../auth/dossier-access';
import { CALENDAR } from '../calendar/calendar.provider';
import { CLOCK, type Clock } from '../clock/clock';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import {
  GetDossierHistoryQuery,
  GetDossierQuery,
  NominateCandidateCommand,
  RecordDossierStepCommand,
  VerifyAuditQuery,
} from './dossier.commands';
import { UnitsReader } from '../units/units.reader';
import { DossierService, asOfDate, type CommandOutcome, type LoadedDossier } from './dossier.service';
import { dossierView, historyItem, type DossierView } from './dossier.view';

@CommandHandler(NominateCandidateCommand)
export class NominateCandidateHandler implements ICommandHandler<NominateCandidateCommand> {
  constructor(private readonly dossiers: DossierService) {}

  execute({ data, context }: NominateCandidateCommand): Promise<CommandOutcome> {
    return this.dossiers.nominate({ type: 'NominateCandidate', data }, context);
  }
}

@CommandHandler(RecordDossierStepCommand)
export class RecordDossierStepHandler implements ICommandHandler<RecordDossierStepCommand> {
  constructor(private readonly dossiers: DossierService) {}

  execute({ dossierId, step, data, context }: RecordDossierStepCommand): Promise<CommandOutcome> {
    const command = { type: STEP_COMMANDS[step], data } as DossierCommand;
    return this.dossiers.execute(dossierId, command, context);
  }
}

/** The dossier today, or `null`; refused (403) unless the actor's units reach it in every state read. */
export async function loadReadable(
  dossiers: DossierService,
  units: UnitsReader,
  id: string,
  actor: ScopedActor,
  asOf?: string,
): Promise<{ today: LoadedDossier; read: LoadedDossier } | null> {
  const today = await dossiers.load(id);
  if (!today) return null;
  const read = asOf === undefined ? today : asOfDate(today, asOf, dossiers.rules);
  assertReadable(actor, ActorScope.of(actor, await units.catalog()), today.state, read.state);
  return { today, read };
}

@QueryHandler(GetDossierQuery)
export class GetDossierHandler implements IQueryHandler<GetDossierQuery> {
  constructor(
    private readonly dossiers: DossierService,
    private readonly units: UnitsReader,
    @Inject(CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
  ) {}

  async execute({ dossierId, actor, asOf }: GetDossierQuery): Promise<DossierView | null> {
    const today = legalDateOf(this.clock.now());
    if (asOf === undefined) {
      const current = await this.dossiers.current(dossierId);
      if (!current) return null;
      const scope = await this.units.scopeOf(actor);
      assertReadable(actor, scope, current.state);
      const view = dossierView(current, this.calendar, today, this.config.reminderDays, this.dossiers.rules.sets);
      return { ...view, nextSteps: recordableSteps(actor, scope, current.state) };
    }
    const loaded = await loadReadable(this.dossiers, this.units, dossierId, actor, asOf);
    if (!loaded) return null;
    const read = { ...loaded.read, version: loaded.read.events.length };
    const view = dossierView(
      read,
      this.calendar,
      asOf < today ? asOf : today,
      this.config.reminderDays,
      this.dossiers.rules.sets,
    );
    // What may be recorded is a matter of today's dossier, whatever day it is read as of.
    return { ...view, nextSteps: recordableSteps(actor, await this.units.scopeOf(actor), loaded.today.state) };
  }
}

@QueryHandler(GetDossierHistoryQuery)
export class GetDossierHistoryHandler implements IQueryHandler<GetDossierHistoryQuery> {
  constructor(
    private readonly dossiers: DossierService,
    private readonly units: UnitsReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ dossierId, actor }: GetDossierHistoryQuery) {
    const loaded = await loadReadable(this.dossiers, this.units, dossierId, actor);
    if (!loaded) return null;
    const verified = await this.store.verify(dossierStreamId(dossierId));
    return {
      items: loaded.today.events.map(historyItem),
      chainValid: verified.ok,
      ...(verified.firstBroken ? { firstBroken: verified.firstBroken } : {}),
    };
  }
}

@QueryHandler(VerifyAuditQuery)
export class VerifyAuditHandler implements IQueryHandler<VerifyAuditQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(): Promise<VerifyResult> {
    return this.store.verify();
  }
}
