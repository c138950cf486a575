import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsLegalDate } from '../common/validation/is-legal-date.validator';

/** `?asOf=YYYY-MM-DD`: the dossier as its legal dates stood at the end of that day. */
export class DossierAsOfQueryDto {
  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsLegalDate()
  asOf?: string;
}
