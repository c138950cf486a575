import { Inject, Injectable } from '@nestjs/common';
import {
  dossierStreamId,
  inspectionCaseStreamId,
  isInspectionCaseId,
  renderLines,
  type InspectionCaseStatus,
  type Locale,
} from '@ketnap/domain';
import { EVENT_STORE, type EventEnvelope, type EventStore } from '@ketnap/event-store';
import type { InspectionCaseRow, InspectionCasesBoard } from '@ketnap/projections';
import type { ScopedActor } from '../auth/actor-scope';
import { AccessDeniedError } from '../commands/refusals';
import { UnitsReader } from '../units/units.reader';
import { INSPECTION_CASES_BOARD } from './inspection.tokens';

/** One event of a history, as `GET /dossiers/{id}/history` shows it. */
export interface HistoryItem {
  globalPosition: number;
  streamVersion: number;
  eventId: string;
  type: string;
  data: unknown;
  occurredOn?: string;
  recordedAt: string;
  actor?: { sub: string; role: string; unitIds: string[] };
  ruleSet?: string;
}

/**
 * A case with what the committee needs to judge it (DOMAIN.md §3: "with the full procedure history
 * attached"); the deadline's explanation written in the reader's language.
 */
export type InspectionCaseView = Omit<InspectionCaseRow, 'openedPosition' | 'explanation'> & {
  explanation: string;
  history: { explanation: string; procedure: HistoryItem[]; case: HistoryItem[] };
};

export interface CasePage {
  items: InspectionCaseView[];
  nextCursor: string | null;
}

const item = (e: EventEnvelope): HistoryItem => ({
  globalPosition: e.globalPosition,
  streamVersion: e.streamVersion,
  eventId: e.eventId,
  type: e.type,
  data: e.data,
  ...(e.metadata.occurredOn !== undefined && { occurredOn: e.metadata.occurredOn }),
  recordedAt: e.metadata.recordedAt,
  ...(e.metadata.actor !== undefined && { actor: e.metadata.actor }),
  ...(e.metadata.ruleSet !== undefined && { ruleSet: e.metadata.ruleSet }),
});

const encodeCursor = (position: number): string => Buffer.from(`p${position}`).toString('base64url');

/** The opened position a cursor names, or `null` for a cursor this list never gave. */
export function decodeCaseCursor(cursor: string): number | null {
  const match = /^p(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? Number(match[1]) : null;
}

/**
 * The inspection committee's reading of cases: the read model, plus each case's histories from the
 * store; a reader scoped to units sees the cases of the branches it acts for (API.md "Access").
 */
@Injectable()
export class InspectionCaseReader {
  constructor(
    @Inject(INSPECTION_CASES_BOARD) private readonly board: InspectionCasesBoard,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitsReader,
  ) {}

  async list(
    filter: { status?: InspectionCaseStatus; limit: number; afterPosition?: number },
    actor: ScopedActor,
    locale: Locale,
  ): Promise<CasePage> {
    const branchIds = (await this.units.scopeOf(actor)).units();
    const rows = await this.board.list({ ...filter, ...(branchIds && { branchIds }), limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const items = await Promise.all(page.map((row) => this.view(row, locale)));
    return {
      items,
      nextCursor: rows.length > filter.limit ? encodeCursor(page[page.length - 1].openedPosition) : null,
    };
  }

  /** The case, or `null` when there is none with this id; refused (403) when its branch is outside the reader's units. */
  async get(caseId: string, actor: ScopedActor, locale: Locale): Promise<InspectionCaseView | null> {
    if (!isInspectionCaseId(caseId)) return null;
    const row = await this.board.get(caseId);
    if (!row) return null;
    if (!(await this.units.scopeOf(actor)).covers(row.branchId))
      throw new AccessDeniedError('FORBIDDEN.units-read-case');
    return this.view(row, locale);
  }

  private async view(
    { openedPosition: _position, ...row }: InspectionCaseRow,
    locale: Locale,
  ): Promise<InspectionCaseView> {
    const [procedure, events] = await Promise.all([
      this.store.readStream(dossierStreamId(row.dossierId)),
      this.store.readStream(inspectionCaseStreamId(row.id)),
    ]);
    const explanation = renderLines(row.explanation, locale);
    return {
      ...row,
      explanation,
      history: { explanation, procedure: procedure.map(item), case: events.map(item) },
    };
  }
}
