import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { fieldError } from '@ketnap/domain';
import { CSV_SEPARATORS, type CsvSeparator } from '@ketnap/projections';
import { PROBLEMS } from '../common/openapi/problems';

/** `?sep=;`: the CSV's separator, for Excel set up with Vietnamese regional settings (default a comma). */
export class ReportFormatQueryDto {
  @ApiPropertyOptional({
    enum: CSV_SEPARATORS,
    description:
      'The CSV separator (with Accept: text/csv): `;` for Excel with Vietnamese regional settings; default `,`',
  })
  @IsOptional()
  @IsIn(CSV_SEPARATORS)
  sep?: CsvSeparator;
}

/** The OpenAPI example of a separator other than a comma or a semicolon. */
export const CSV_SEPARATOR_INVALID = PROBLEMS.invalid(
  fieldError('sep', 'field.one-of', { values: [...CSV_SEPARATORS] }),
);
