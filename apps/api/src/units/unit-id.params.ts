import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { UNIT_ID_PATTERN } from '@ketnap/domain';

export const UNIT_ID_MESSAGE =
  '$property must be lowercase letters, digits and dashes, at most 64 characters (no personal data)';

export class UnitIdParams {
  @ApiProperty({ example: 'lang-gia', pattern: UNIT_ID_PATTERN.source })
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  unitId!: string;
}
