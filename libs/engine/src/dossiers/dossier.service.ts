import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  decide,
  decodeEvent,
  dossierStreamId,
  evolveWith,
  eventLegalDate,
  eventRuleSet,
  initialState,
  legalDateOf,
  recordedOf,
  stageOn,
  type Actor,
  type DecideContext,
  type DossierCommand,
  type DossierEvent,
  type DossierState,
  type UnitCatalog,
  type LocalDate,
  type NominateCandidate,
  type Stage,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import { EVENT_STORE, type DecodedEnvelope, type EventEnvelope, type EventStore } from '@ketnap/event-store';
import { ActorScope } from '../auth/actor-scope';
import { writeAccess } from '../auth/dossier-access';
import { CALENDAR } from '../calendar/calendar.provider';
import { CLOCK, type Clock } from '../clock/clock';
import { DEFAULT_DOSSIER_CACHE, type KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import type { CommandContext } from '../commands/command-context';
import { foldStream, runCommand, type DecidedEvent } from '../commands/command-pipeline';
import { LruStateCache } from '../commands/state-cache';
import { RULES, builtInRuleSets, type LoadedRuleSets } from '../rules/rule-sets.provider';
import { UnitsReader } from '../units/units.reader';

const DOSSIER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isDossierId = (id: string): boolean => DOSSIER_ID.test(id);

/**
 * A dossier command's context: the pipeline's, and deterministic ids for the events `decide` returns,
 * in order (the saga's output).
 */
export interface CommandOptions extends CommandContext {
  eventIds?: string[];
  /** An import of a paper dossier begun before the first rule set: its early steps are history (`DecideContext.legacy`). */
  legacy?: boolean;
}

export interface CommandOutcome {
  id: string;
  version: number;
  stage: Stage;
  appended: string[];
  duplicate: boolean;
}

/** A dossier folded from its stream, with the stream's events as stored (what its history shows). */
export interface LoadedDossier {
  id: string;
  version: number;
  state: DossierState;
  events: EventEnvelope[];
}

/**
 * The write path of DESIGN.md §3 for dossiers: fold the stream, `decide`, append with the expected
 * version. Used by the HTTP handlers, the CLI and the deadline saga alike.
 */
@Injectable()
export class DossierService {
  private readonly units: UnitsReader;
  /** The dossiers folded last, with their versions: a write or a read folds only what came since. */
  private readonly folded: LruStateCache<DossierState>;
  /** The rule sets in force (an operator's files included): `decide` judges and the fold derives with them. */
  readonly rules: LoadedRuleSets;
  private readonly foldEvent: (state: DossierState, e: DecodedEnvelope) => DossierState;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: WorkingDayCalendar,
    @Optional() @Inject(KETNAP_CONFIG) config?: Pick<KetnapConfig, 'dossierCache'>,
    @Optional() @Inject(RULES) rules?: LoadedRuleSets,
  ) {
    this.units = new UnitsReader(store);
    this.folded = new LruStateCache(config?.dossierCache ?? DEFAULT_DOSSIER_CACHE);
    this.rules = rules ?? builtInRuleSets();
    this.foldEvent = foldEventWith(this.rules);
  }

  /**
   * The dossier folded from its stream, or `null` when it does not exist. With `asOf`, only the
   * events whose legal date is on or before it (events without one: recorded by the end of that day).
   */
  async load(id: string, options: { asOf?: LocalDate } = {}): Promise<LoadedDossier | null> {
    if (!isDossierId(id)) return null;
    const stored = await this.store.readStream(dossierStreamId(id));
    if (stored.length === 0) return null;
    const { asOf } = options;
    const events = asOf === undefined ? stored : stored.filter((e) => legallyOnOrBefore(e, asOf));
    return {
      id,
      version: stored.length,
      state: events.map(decodeEvent).reduce(this.foldEvent, initialState()),
      events,
    };
  }

  /**
   * The dossier as it stands, from the dossiers folded last and the events recorded since, or `null`
   * when it does not exist. What a read of today's dossier needs; `load` gives its events too.
   */
  async current(id: string): Promise<{ id: string; version: number; state: DossierState } | null> {
    if (!isDossierId(id)) return null;
    const fold = { initialState, evolve: this.foldEvent, cache: this.folded };
    const { version, state } = await foldStream(this.store, dossierStreamId(id), fold);
    return version === 0 ? null : { id, version, state };
  }

  /**
   * What `decide` is given on a write of `actor` now, as `execute` builds it (the unit catalog, the
   * calendar, the clock): for a check of several commands in memory before any is written.
   */
  async decideContext(actor: Actor): Promise<DecideContext> {
    return this.contextOf(await this.units.catalog(), this.clock.now(), { actor });
  }

  /** The one place the context of `decide` is built, for a write and for a check alike. */
  private contextOf(catalog: UnitCatalog, now: Date, options: Pick<CommandOptions, 'actor' | 'legacy'>): DecideContext {
    return {
      now,
      actor: options.actor,
      calendar: this.calendar,
      units: (unitId: string) => catalog.get(unitId),
      ruleSets: this.rules.sets,
      ...(options.legacy && { legacy: true }),
    };
  }

  /** The dossier id a nomination with this idempotency key gets (the same key, the same dossier). */
  static idOfNomination(actor: Actor, idempotencyKey: string): string {
    return idFromKey(`${actor.sub}/${idempotencyKey}`);
  }

  /** Nominates a candidate in a new dossier. An idempotency key gives the same dossier id on a resend. */
  async nominate(command: NominateCandidate, options: CommandOptions): Promise<CommandOutcome> {
    const id = options.idempotencyKey
      ? DossierService.idOfNomination(options.actor, options.idempotencyKey)
      : randomUUID();
    return this.execute(id, command, { ...options, expectedVersion: undefined });
  }

  /**
   * Records a command on a dossier through the one write pipeline: the actor's role and units are
   * checked on the dossier as it is and as the command would leave it (unless the engine writes),
   * the domain decides with the unit catalog, and the events carry their legal date and rule set.
   */
  async execute(id: string, command: DossierCommand, options: CommandOptions): Promise<CommandOutcome> {
    const catalog = await this.units.catalog();
    const access = options.system
      ? undefined
      : writeAccess(options.actor, command, ActorScope.of(options.actor, catalog));
    const now = this.clock.now();
    const ctx = this.contextOf(catalog, now, options);
    const { result, duplicate } = await runCommand(
      this.store,
      {
        streamId: dossierStreamId(id),
        cache: this.folded,
        resource: { key: 'resource.dossier', params: { id } },
        initialState,
        evolve: this.foldEvent,
        authorize: access?.before,
        decide: (state) => decide(command, state, ctx).map((event, i) => this.toNew(event, options.eventIds?.[i])),
        authorizeResult: access?.after,
        result: (state, version, appended) => ({
          id,
          version,
          stage: stageAt(state, now),
          appended: appended.map((e) => e.type),
          duplicate: false,
        }),
        commandPart: command.type,
      },
      options,
      now,
    );
    return { ...result, duplicate };
  }

  private toNew(event: DossierEvent, eventId: string | undefined): DecidedEvent {
    return {
      ...event,
      ...(eventId && { eventId }),
      metadata: { occurredOn: eventLegalDate(event), ...ruleSetMetadata(event, this.rules) },
    };
  }
}

/**
 * The dossier as its legal dates stood at the end of `asOf`: only the events whose legal date is on or
 * before it (events without one: recorded by the end of that day). Its version stays the stream's.
 */
export function asOfDate(
  loaded: LoadedDossier,
  asOf: LocalDate,
  rules: LoadedRuleSets = builtInRuleSets(),
): LoadedDossier {
  const events = loaded.events.filter((e) => legallyOnOrBefore(e, asOf));
  return { ...loaded, state: events.map(decodeEvent).reduce(foldEventWith(rules), initialState()), events };
}

/** Whether the event's legal date (recorded by the end of that day, for an event without one) is on or before `asOf`. */
const legallyOnOrBefore = (e: EventEnvelope, asOf: LocalDate): boolean =>
  (e.metadata.occurredOn ?? legalDateOf(e.metadata.recordedAt)) <= asOf;

/**
 * The rule set an event was judged by (`ruleSet`), and the hash of that set's parameters as loaded
 * (`ruleSetHash`): an operator's file changes the hash, so the history tells which figures applied.
 */
export function ruleSetMetadata(
  event: DossierEvent,
  rules: LoadedRuleSets,
): { ruleSet?: string; ruleSetHash?: string } {
  const ruleSet = eventRuleSet(event);
  const ruleSetHash = rules.hashOf(ruleSet);
  return { ruleSet, ...(ruleSetHash !== undefined && { ruleSetHash }) };
}

/** The stage on the legal date of `now`; only an existing dossier has one. */
function stageAt(state: DossierState, now: Date): Stage {
  const stage = stageOn(state, legalDateOf(now));
  if (stage === undefined) throw new Error('a dossier without a nomination has no stage');
  return stage;
}

/**
 * Folds a decoded event of the dossier's stream into its state, with the loaded rule sets; an event
 * of a type it does not know changes nothing.
 */
function foldEventWith(rules: LoadedRuleSets): (state: DossierState, e: DecodedEnvelope) => DossierState {
  const evolve = evolveWith(rules.sets);
  return (state, e) => {
    const recorded = recordedOf(e);
    return recorded ? evolve(state, recorded) : state;
  };
}

/** A UUID-shaped id derived from a string (same key, same dossier). */
function idFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
