import type { FastifyReply } from 'fastify';
import type { AdmissionsRollUp, PipelineReport, PipelineRollUp } from '@ketnap/engine';
import {
  admissionsRollUpXlsx,
  admissionsXlsx,
  pipelineRollUpXlsx,
  pipelineXlsx,
  quotaCsv,
  quotaRollUpXlsx,
  quotaXlsx,
  type AdmissionsReport,
  type CsvSeparator,
  type QuotaReport,
  type QuotaRollUp,
} from '@ketnap/projections';
import { preferredType } from '../common/request/negotiation';

export const JSON_TYPE = 'application/json';
export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The reports, by kind, as the engine answers them. */
export interface ReportOf {
  quota: QuotaReport;
  pipeline: PipelineReport;
  admissions: AdmissionsReport;
  /** A higher committee's roll-ups: one row per party committee below it. */
  'quota-roll-up': QuotaRollUp;
  'pipeline-roll-up': PipelineRollUp;
  'admissions-roll-up': AdmissionsRollUp;
}
export type ReportKind = keyof ReportOf;

interface Format<R> {
  /** The file's name, then what dates it (the committee's id goes between them). */
  name: string;
  dated: (report: R) => string;
  xlsx: (report: R) => Promise<Buffer>;
  csv?: (report: R, separator: CsvSeparator) => string;
}
const FORMATS: { [K in ReportKind]: Format<ReportOf[K]> } = {
  quota: { name: 'chi-tieu-dang-vien', dated: (r) => `${r.year}-${r.asOf}`, xlsx: quotaXlsx, csv: quotaCsv },
  pipeline: { name: 'tien-do-ho-so', dated: (r) => r.asOf, xlsx: pipelineXlsx },
  admissions: { name: 'ket-nap-dang-vien', dated: (r) => String(r.year), xlsx: admissionsXlsx },
  'quota-roll-up': { name: 'chi-tieu-dang-vien', dated: (r) => `${r.year}-${r.asOf}`, xlsx: quotaRollUpXlsx },
  'pipeline-roll-up': { name: 'tien-do-ho-so', dated: (r) => r.asOf, xlsx: pipelineRollUpXlsx },
  'admissions-roll-up': { name: 'ket-nap-dang-vien', dated: (r) => String(r.year), xlsx: admissionsRollUpXlsx },
};

/** The media types a report of `kind` is answered in, JSON first (the answer when the client names none). */
export const reportTypes = (kind: ReportKind): string[] =>
  FORMATS[kind].csv ? [JSON_TYPE, CSV_TYPE, XLSX_TYPE] : [JSON_TYPE, XLSX_TYPE];

/** What a report's answer is: its body and the headers that say what it is. */
export interface ReportAnswer {
  body: unknown;
  headers: Record<string, string>;
}

/**
 * A report in the format its reader asks for by `Accept` (API.md "Reports"): JSON; the quota report
 * as CSV (UTF-8 with a BOM, `query.sep` its separator, a comma by default); every report, a higher
 * committee's roll-up included, as XLSX. A
 * file comes as an attachment named after the report (`committeeId` in the name when given, for a
 * committee's own routes). Every report route answers through this one function.
 */
export async function reportAnswer<K extends ReportKind>(
  kind: K,
  report: ReportOf[K],
  accept: string | undefined,
  query: { sep?: CsvSeparator } = {},
  options: { committeeId?: string } = {},
): Promise<ReportAnswer> {
  const format = FORMATS[kind] as Format<ReportOf[K]>;
  const type = preferredType(accept, reportTypes(kind));
  if (type === JSON_TYPE) return { body: report, headers: {} };
  const file = [format.name, options.committeeId, format.dated(report)].filter(Boolean).join('-');
  if (type === CSV_TYPE && format.csv)
    return {
      body: format.csv(report, query.sep ?? ','),
      headers: {
        'Content-Type': `${CSV_TYPE}; charset=utf-8`,
        'Content-Disposition': `attachment; filename="${file}.csv"`,
      },
    };
  return {
    body: await format.xlsx(report),
    headers: { 'Content-Type': XLSX_TYPE, 'Content-Disposition': `attachment; filename="${file}.xlsx"` },
  };
}

/** Sets the answer's headers on the reply and gives its body, for a handler to return. */
export function sendReport(res: FastifyReply, answer: ReportAnswer): unknown {
  for (const [name, value] of Object.entries(answer.headers)) void res.header(name, value);
  return answer.body;
}
