import { caseIdOfStream, dossierIdOfStream, isInspectionCaseEvent, type InspectionCaseEventType } from '@ketnap/domain';
import type { ColumnCipher, DecodedEnvelope, SqlValue } from '@ketnap/event-store';
import type { ProjectionContext, Projection } from '../projection';

export const INSPECTION_CASES_PROJECTION = 'inspection-cases';

/** The columns of an inspector's free text, sealed by the read models' cipher (`<caseId>/<column>`). */
export const CASE_TEXT_COLUMNS = ['note', 'finding', 'resolution'] as const;

/**
 * The inspection committee's cases (DESIGN.md §6), one row per case stream, as its events left it. An
 * inspector's texts may describe the candidate: sealed like the other read models' personal columns,
 * and emptied when the dossier's personal data is erased.
 */
export function inspectionCasesProjection(cipher: ColumnCipher): Projection {
  return {
    name: INSPECTION_CASES_PROJECTION,
    // Version 2 keeps the explanation as its catalogue messages (JSON), rendered when a case is read;
    // version 3 seals the inspector's texts and empties them on an erasure.
    version: 3,
    create: ({ sql, table }) =>
      sql.exec(`
        CREATE TABLE ${table('cases')} (
          case_id TEXT PRIMARY KEY, dossier_id TEXT NOT NULL, branch_id TEXT NOT NULL, obligation TEXT NOT NULL,
          due_on TEXT NOT NULL, breached_on TEXT NOT NULL, working_days_late INTEGER NOT NULL, explanation TEXT NOT NULL,
          status TEXT NOT NULL, opened_at TEXT NOT NULL, opened_position INTEGER NOT NULL, version INTEGER NOT NULL,
          note TEXT, acknowledged_at TEXT, finding TEXT, resolution TEXT, closed_at TEXT, withdrawn_reason TEXT, withdrawn_at TEXT);
        CREATE INDEX ${table('cases_status')} ON ${table('cases')} (status, opened_position);
        CREATE INDEX ${table('cases_dossier')} ON ${table('cases')} (dossier_id);
      `),
    apply: async (ctx, events) => {
      for (const e of events) {
        const caseId = caseIdOfStream(e.streamId);
        if (caseId !== undefined && isInspectionCaseEvent(e)) await applyCaseEvent(ctx, cipher, caseId, e);
        else if (e.type === 'PersonalDataErased') {
          await ctx.sql.run(
            `UPDATE ${ctx.table('cases')} SET ${CASE_TEXT_COLUMNS.map((c) => `${c} = NULL`).join(', ')} WHERE dossier_id = ?`,
            [dossierIdOfStream(e.streamId) ?? ''],
          );
        }
      }
    },
  };
}

type CaseEvent = Extract<DecodedEnvelope, { type: InspectionCaseEventType }>;

async function applyCaseEvent(
  { sql, table }: ProjectionContext,
  cipher: ColumnCipher,
  caseId: string,
  e: CaseEvent,
): Promise<void> {
  const at = e.metadata.recordedAt;
  const sealed = (column: (typeof CASE_TEXT_COLUMNS)[number], value: string | undefined) =>
    cipher.seal(`${caseId}/${column}`, value ?? null);
  const update = async (set: string, ...values: SqlValue[]) =>
    void (await sql.run(`UPDATE ${table('cases')} SET ${set}, version = ? WHERE case_id = ?`, [
      ...values,
      e.streamVersion,
      caseId,
    ]));
  switch (e.type) {
    case 'InspectionCaseOpened': {
      const d = e.data;
      // The row as the opening leaves it, whatever an earlier application of the page wrote.
      await sql.run(`DELETE FROM ${table('cases')} WHERE case_id = ?`, [caseId]);
      await sql.run(
        `INSERT INTO ${table('cases')} (case_id, dossier_id, branch_id, obligation, due_on, breached_on, working_days_late,
           explanation, status, opened_at, opened_position, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
        [
          caseId,
          d.dossierId,
          d.branchId,
          d.obligation,
          d.dueOn,
          d.breachedOn,
          d.workingDaysLate,
          JSON.stringify(d.explanation),
          at,
          e.globalPosition,
          e.streamVersion,
        ],
      );
      return;
    }
    case 'InspectionCaseAcknowledged':
      await update("status = 'acknowledged', note = ?, acknowledged_at = ?", sealed('note', e.data.personal?.note), at);
      return;
    case 'InspectionCaseClosed':
      await update(
        "status = 'closed', finding = ?, resolution = ?, closed_at = ?",
        sealed('finding', e.data.personal?.finding),
        sealed('resolution', e.data.personal?.resolution),
        at,
      );
      return;
    case 'InspectionCaseWithdrawn':
      await update("status = 'withdrawn', withdrawn_reason = ?, withdrawn_at = ?", e.data.reason, at);
      return;
  }
}
