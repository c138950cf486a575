import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNIT_BLOCKS, UNIT_KINDS } from '@ketnap/domain';

/** A unit as answered (OpenAPI only). */
export class UnitResponseDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: string;
  @ApiPropertyOptional() parentId?: string;
  @ApiPropertyOptional({ enum: UNIT_BLOCKS }) block?: string;
  @ApiPropertyOptional() officialMembers?: number;
  @ApiPropertyOptional() committeeMembers?: number;
  @ApiProperty({ description: 'How many times the unit was recorded; send it as If-Match' }) version!: number;
}

export const UNIT_EXAMPLE = {
  unitId: 'thon-mot',
  name: 'Chi bộ thôn Một',
  kind: 'branch',
  parentId: 'xa-dong',
  block: 'rural',
  officialMembers: 9,
  version: 1,
};

export class UnitListResponseDto {
  @ApiProperty({ type: [UnitResponseDto] }) items!: UnitResponseDto[];
}
export const UNIT_LIST_EXAMPLE = {
  items: [{ unitId: 'xa-dong', name: 'Đảng ủy xã Đông', kind: 'party-committee', version: 1 }, UNIT_EXAMPLE],
};
