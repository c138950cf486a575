import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CSV_SEPARATORS, type CsvSeparator } from '@ketnap/projections';

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
