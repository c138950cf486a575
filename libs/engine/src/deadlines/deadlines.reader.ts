import { Inject, Injectable } from '@nestjs/common';
import { fieldError, legalDateOf, type LocalDate, type ObligationStatus } from '@ketnap/domain';
import type { DeadlineKey, DeadlinesBoard, DeadlineView } from '@ketnap/projections';
import type { ScopedActor } from '../auth/actor-scope';
import { CLOCK, type Clock } from '../clock/clock';
import { RequestError } from '../commands/refusals';
import { UnitsReader } from '../units/units.reader';
import { DEADLINES_BOARD } from './deadlines.tokens';

export interface DeadlineQuery {
  status?: ObligationStatus;
  dueBefore?: LocalDate;
  branchId?: string;
  limit: number;
  cursor?: string;
}

export interface DeadlinePage {
  items: DeadlineView[];
  nextCursor: string | null;
}

const encode = (k: DeadlineKey): string =>
  Buffer.from(JSON.stringify([k.dueOn, k.dossierId, k.obligation])).toString('base64url');

function decode(cursor: string): DeadlineKey {
  try {
    const [dueOn, dossierId, obligation] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as string[];
    if ([dueOn, dossierId, obligation].every((v) => typeof v === 'string'))
      return { dueOn, dossierId, obligation } as DeadlineKey;
  } catch {
    // not JSON: refused below
  }
  throw new RequestError('invalid', 'VALIDATION_FAILED.cursor', {}, [fieldError('cursor', 'field.cursor')]);
}

/**
 * `GET /deadlines`: the deadlines board judged on the clock's legal date, in due-date order, narrowed to
 * the dossiers of the branches the reader acts for (API.md "Access").
 */
@Injectable()
export class DeadlinesReader {
  constructor(
    @Inject(DEADLINES_BOARD) private readonly board: DeadlinesBoard,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly units: UnitsReader,
  ) {}

  async list(query: DeadlineQuery, actor: ScopedActor): Promise<DeadlinePage> {
    const { cursor, ...filter } = query;
    const branchIds = (await this.units.scopeOf(actor)).units();
    const after = cursor === undefined ? {} : { after: decode(cursor) };
    const rows = await this.board.list(
      { ...filter, ...(branchIds && { branchIds }), limit: query.limit + 1, ...after },
      legalDateOf(this.clock.now()),
    );
    const items = rows.slice(0, query.limit);
    return { items, nextCursor: rows.length > query.limit ? encode(items[items.length - 1]) : null };
  }
}
