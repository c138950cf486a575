import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { candidateOf, eventPersonalData, isDomainError, isDossierEvent, decodeEvent } from '@ketnap/domain';
import type { Actor } from '@ketnap/event-store';
import { CLOCK, type Clock } from '../clock/clock';
import type { CommandContext } from '../commands/command-context';
import { PERSONAL_KEYRING, type PersonalKeys } from '../personal/personal-keys';
import { UnitsReader } from '../units/units.reader';
import { loadReadable } from './dossier.handlers';
import { DossierService, type CommandOutcome } from './dossier.service';

/** `DELETE /dossiers/{id}/personal` (API.md "Personal data"). */
export class ErasePersonalDataCommand {
  constructor(
    readonly dossierId: string,
    readonly data: { reason: string; legalBasis: string },
    readonly context: CommandContext,
  ) {}
}

/** `GET /dossiers/{id}/personal-export`, read by `actor`. */
export class ExportPersonalDataQuery {
  constructor(
    readonly dossierId: string,
    readonly actor: Actor,
  ) {}
}

export interface ErasureOutcome extends Pick<CommandOutcome, 'id' | 'version' | 'appended'> {
  erased: true;
  erasedOn: string;
}

/**
 * Records the erasure, then destroys the dossier's key: from then on every personal part of its
 * stream reads null, on every store and in every copy made later. An erasure whose key destruction
 * was cut short (the process died between the two) is finished by asking again, which is then refused
 * as already done (409), with the key destroyed.
 */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand> {
  constructor(
    private readonly dossiers: DossierService,
    @Inject(PERSONAL_KEYRING) private readonly keys: PersonalKeys,
  ) {}

  async execute({ dossierId, data, context }: ErasePersonalDataCommand): Promise<ErasureOutcome> {
    let outcome: CommandOutcome;
    try {
      outcome = await this.dossiers.execute(dossierId, { type: 'ErasePersonalData', data }, context);
    } catch (error) {
      if (isDomainError(error) && error.code === 'PERSONAL_DATA_ERASED') await this.keys.keyring.destroy(dossierId);
      throw error;
    }
    await this.keys.keyring.destroy(dossierId);
    const { state } = (await this.dossiers.current(dossierId))!;
    return {
      id: outcome.id,
      version: outcome.version,
      appended: outcome.appended,
      erased: true,
      erasedOn: state.erasure!.erasedOn,
    };
  }
}

/** One event's personal part in an export. */
export interface PersonalExportItem {
  eventId: string;
  type: string;
  occurredOn: string | null;
  recordedAt: string;
  personal: Record<string, unknown> | null;
}

export interface PersonalExport {
  dossierId: string;
  exportedAt: string;
  erased: boolean;
  /** The candidate as the dossier reads now, every correction applied. */
  candidate: unknown;
  /** Every event of the dossier that holds a personal part, oldest first, as recorded (corrections are events too). */
  items: PersonalExportItem[];
}

/**
 * Everything the dossier holds about people: the candidate as corrected, and each event's personal
 * part as recorded (helpers, introducers, notes, free-text reasons, corrections). Read models hold
 * nothing that is not derived from these.
 */
@QueryHandler(ExportPersonalDataQuery)
export class ExportPersonalDataHandler implements IQueryHandler<ExportPersonalDataQuery> {
  constructor(
    private readonly dossiers: DossierService,
    private readonly units: UnitsReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ dossierId, actor }: ExportPersonalDataQuery): Promise<PersonalExport | null> {
    const readable = await loadReadable(this.dossiers, this.units, dossierId, actor);
    if (!readable) return null;
    const loaded = readable.today;
    const items: PersonalExportItem[] = [];
    for (const envelope of loaded.events) {
      const event = decodeEvent(envelope);
      if (!isDossierEvent(event)) continue;
      const personal = eventPersonalData(event);
      if (personal === undefined) continue;
      items.push({
        eventId: envelope.eventId,
        type: envelope.type,
        occurredOn: envelope.metadata.occurredOn ?? null,
        recordedAt: envelope.metadata.recordedAt,
        personal,
      });
    }
    return {
      dossierId,
      exportedAt: this.clock.now().toISOString(),
      erased: loaded.state.erasure !== undefined,
      candidate: candidateOf(loaded.state) ?? null,
      items,
    };
  }
}
