import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProduces, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { CSV_TYPE, JSON_TYPE, XLSX_TYPE, reportTypes, type ReportKind } from './report-answer';

/** What the document shows of an XLSX answer: the bytes of a file cannot be an example. */
export const XLSX_EXAMPLE = '(the bytes of an .xlsx workbook)';

/**
 * The success answer of a report route in every format it is answered in (see {@link reportAnswer}):
 * the JSON `schema` with its example, the CSV (the quota report) and the XLSX workbook.
 */
export function ApiReportOk(
  kind: ReportKind,
  schema: Type<unknown>,
  examples: { json: unknown; csv?: string },
  description: string,
): MethodDecorator {
  const types = reportTypes(kind);
  const files = types.includes(CSV_TYPE)
    ? 'as CSV (UTF-8 with a BOM; `?sep=;` for a semicolon) with Accept: text/csv, or as an XLSX workbook'
    : 'or as an XLSX workbook';
  return applyDecorators(
    ApiExtraModels(schema),
    ApiProduces(...types),
    ApiResponse({
      status: 200,
      description: `${description} (JSON), ${files} with Accept: ${XLSX_TYPE}; a file comes as an attachment`,
      content: {
        [JSON_TYPE]: { schema: { $ref: getSchemaPath(schema) }, example: examples.json },
        ...(types.includes(CSV_TYPE) && { [CSV_TYPE]: { schema: { type: 'string' }, example: examples.csv } }),
        [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' }, example: XLSX_EXAMPLE },
      },
    }),
  );
}
