import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decide,
  evolve,
  eventLegalDate,
  eventRuleSet,
  initialState,
  legalDateOf,
  stageOn,
  type Actor,
  type DossierCommand,
  type DossierEvent,
  type DossierState,
  type LocalDate,
  type NominateCandidate,
  type RecordedDossierEvent,
  type Stage,
  type WorkingDayCalendar,
} from '@ketnap/domain';
import { ConcurrencyError, EVENT_STORE, type EventEnvelope, type EventStore } from '@ketnap/event-store';
import { ActorScope } from '../auth/actor-scope';
import { writeAccess } from '../auth/dossier-access';
import { CALENDAR } from '../calendar/calendar.provider';
import { CLOCK, type Clock } from '../clock/clock';
import { UnitsReader } from '../units/units.reader';

export const dossierStreamId = (id: string): string => `dossier-${id}`;
const DOSSIER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isDossierId = (id: string): boolean => DOSSIER_ID.test(id);

export interface CommandOptions {
  actor: Actor;
  /**
   * A write of the engine itself (the deadline saga): not checked against a role. Every other write
   * is checked against the actor's role and units (API.md "Access") before and after deciding.
   */
  system?: boolean;
  /** The client's `If-Match`: the write fails with a ConcurrencyError unless the dossier is at it. */
  expectedVersion?: number;
  /** The client's `Idempotency-Key`: a resend returns the first outcome and appends nothing. */
  idempotencyKey?: string;
  /** A saga's deterministic command id (instead of an idempotency key). */
  commandId?: string;
  /** Deterministic ids for the events `decide` returns, in order (saga output). */
  eventIds?: string[];
  correlationId?: string;
  causationId?: string;
}

export interface CommandOutcome {
  id: string;
  version: number;
  stage: Stage;
  appended: string[];
  duplicate: boolean;
}

export interface LoadedDossier {
  id: string;
  version: number;
  state: DossierState;
  events: EventEnvelope[];
}

/** Retries of a write that lost a version race, when the client did not pin a version. */
const RETRIES = 4;

/**
 * The write path of DESIGN.md §3 for dossiers: fold the stream, `decide`, append with the expected
 * version. Used by the HTTP handlers, the CLI and the deadline saga alike.
 */
@Injectable()
export class DossierService {
  private readonly units: UnitsReader;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CALENDAR) private readonly calendar: WorkingDayCalendar,
  ) {
    this.units = new UnitsReader(store);
  }

  /**
   * The dossier folded from its stream, or `null` when it does not exist. With `asOf`, only the
   * events whose legal date is on or before it (events without one: recorded by the end of that day).
   */
  async load(id: string, options: { asOf?: LocalDate } = {}): Promise<LoadedDossier | null> {
    if (!isDossierId(id)) return null;
    const events = await this.store.readStream(dossierStreamId(id));
    if (events.length === 0) return null;
    const loaded = {
      id,
      version: events.length,
      state: events.reduce((s, e) => evolve(s, toRecorded(e)), initialState()),
      events,
    };
    return options.asOf === undefined ? loaded : asOfDate(loaded, options.asOf);
  }

  /** Nominates a candidate in a new dossier. An idempotency key gives the same dossier id on a resend. */
  async nominate(command: NominateCandidate, options: CommandOptions): Promise<CommandOutcome> {
    const id = options.idempotencyKey ? idFromKey(`${options.actor.sub}/${options.idempotencyKey}`) : randomUUID();
    return this.execute(id, command, { ...options, expectedVersion: undefined });
  }

  async execute(id: string, command: DossierCommand, options: CommandOptions): Promise<CommandOutcome> {
    const streamId = dossierStreamId(id);
    const commandId =
      options.commandId ??
      (options.idempotencyKey ? `${streamId}/${command.type}/${options.idempotencyKey}` : undefined);
    if (commandId) {
      const prior = await this.store.commandResult(commandId);
      if (prior) return this.outcomeOf(id, prior.nextExpectedVersion, prior.positions);
    }
    const attempts = options.expectedVersion === undefined ? RETRIES : 1;
    for (let attempt = 1; ; attempt += 1) {
      const [loaded, catalog] = await Promise.all([this.load(id), this.units.catalog()]);
      const version = loaded?.version ?? 0;
      const state = loaded?.state ?? initialState();
      const access = options.system
        ? undefined
        : writeAccess(options.actor, command, ActorScope.of(options.actor, catalog));
      access?.before(state);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new ConcurrencyError(streamId, options.expectedVersion, loaded ? version : null);
      }
      const now = this.clock.now();
      const decided = decide(command, state, {
        now,
        actor: options.actor,
        calendar: this.calendar,
        units: (unitId) => catalog.get(unitId),
      });
      if (decided.length === 0) return { id, version, stage: stageAt(state, now), appended: [], duplicate: false };
      const eventIds = decided.map((_, i) => options.eventIds?.[i] ?? randomUUID());
      const after = decided.reduce(
        (s, e, i) => evolve(s, { ...e, eventId: eventIds[i] } as RecordedDossierEvent),
        state,
      );
      access?.after(after);
      try {
        await this.store.append(
          streamId,
          decided.map((event, i) => ({
            type: event.type,
            data: event.data,
            eventId: eventIds[i],
            metadata: this.metadataOf(event, options),
          })),
          { expectedVersion: loaded ? version : 'no-stream', commandId },
        );
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < attempts) continue;
        throw error;
      }
      return {
        id,
        version: version + decided.length,
        stage: stageAt(after, now),
        appended: decided.map((e) => e.type),
        duplicate: false,
      };
    }
  }

  private metadataOf(event: DossierEvent, options: CommandOptions) {
    return {
      actor: options.actor,
      occurredOn: eventLegalDate(event),
      ruleSet: eventRuleSet(event),
      correlationId: options.correlationId,
      causationId: options.causationId,
    };
  }

  /** The answer a resend gets: the dossier as the first append left it, and what it appended. */
  private async outcomeOf(id: string, version: number, positions: number[]): Promise<CommandOutcome> {
    const events = (await this.store.readStream(dossierStreamId(id), { toVersion: version })).filter(Boolean);
    const state = events.reduce((s, e) => evolve(s, toRecorded(e)), initialState());
    const appended = events.filter((e) => positions.includes(e.globalPosition)).map((e) => e.type);
    return { id, version, stage: stageAt(state, this.clock.now()), appended, duplicate: true };
  }
}

/**
 * The dossier as its legal dates stood at the end of `asOf`: only the events whose legal date is on or
 * before it (events without one: recorded by the end of that day). Its version stays the stream's.
 */
export function asOfDate(loaded: LoadedDossier, asOf: LocalDate): LoadedDossier {
  const events = loaded.events.filter((e) => (e.metadata.occurredOn ?? legalDateOf(e.metadata.recordedAt)) <= asOf);
  return { ...loaded, state: events.reduce((s, e) => evolve(s, toRecorded(e)), initialState()), events };
}

/** The stage on the legal date of `now`; only an existing dossier has one. */
function stageAt(state: DossierState, now: Date): Stage {
  const stage = stageOn(state, legalDateOf(now));
  if (stage === undefined) throw new Error('a dossier without a nomination has no stage');
  return stage;
}

export function toRecorded(e: EventEnvelope): RecordedDossierEvent {
  return { type: e.type, data: e.data, eventId: e.eventId, recordedAt: e.metadata.recordedAt } as RecordedDossierEvent;
}

/** A UUID-shaped id derived from a string (same key, same dossier). */
function idFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
