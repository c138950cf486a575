import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNIT_BLOCKS, UNIT_KINDS } from '@ketnap/domain';

/** A period of a committee's competent authority, as answered. */
export class AuthorityPeriodResponseDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiPropertyOptional({ format: 'date', description: 'Inclusive; absent: open-ended' }) to?: string;
  @ApiProperty({ description: 'The deciding body' }) unitId!: string;
}

/** A unit as answered (OpenAPI only). */
export class UnitResponseDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: string;
  @ApiPropertyOptional() parentId?: string;
  @ApiPropertyOptional({ enum: UNIT_BLOCKS }) block?: string;
  @ApiPropertyOptional() officialMembers?: number;
  @ApiPropertyOptional() committeeMembers?: number;
  @ApiPropertyOptional({
    type: [AuthorityPeriodResponseDto],
    description: 'Of a party-committee: which body decides for it over time (absent: the default of DOMAIN.md §1)',
  })
  authorities?: AuthorityPeriodResponseDto[];
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
  items: [
    { unitId: 'huyen-tay', name: 'Huyện ủy Tây', kind: 'higher-committee', version: 1 },
    {
      unitId: 'xa-dong',
      name: 'Đảng ủy xã Đông',
      kind: 'party-committee',
      parentId: 'huyen-tay',
      authorities: [
        { from: '2021-07-30', to: '2025-06-30', unitId: 'huyen-tay' },
        { from: '2025-07-01', unitId: 'xa-dong' },
      ],
      version: 2,
    },
    UNIT_EXAMPLE,
  ],
};
