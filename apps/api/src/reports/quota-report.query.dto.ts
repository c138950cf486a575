import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsLegalDate } from '../common/validation/is-legal-date.validator';
import { ReportFormatQueryDto } from './report-format.query.dto';

/**
 * `?asOf=YYYY-MM-DD`: count the steps whose legal date is on or before that day (default today); `?sep=`
 * the CSV's separator.
 */
export class QuotaReportQueryDto extends ReportFormatQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'Count the steps dated on or before this legal date (default: today)',
  })
  @IsOptional()
  @IsLegalDate()
  asOf?: string;
}
