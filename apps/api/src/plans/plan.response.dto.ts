import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_LOCALE, messageOf, renderMessage, type Locale, type PlanView } from '@ketnap/domain';
import { PlanMinimumsDto, PlanQuarterDto } from './put-plan.request.dto';

/** OpenAPI only: the shapes of a plan as answered. */
export class TargetsDto {
  @ApiProperty() nominations!: number;
  @ApiProperty() admissions!: number;
}

export class PlanUnitResponseDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['branches', 'coordination'], description: 'The published table the row belongs to' })
  table!: string;
  @ApiProperty({ type: [PlanQuarterDto] }) quarters!: PlanQuarterDto[];
  @ApiProperty({ type: TargetsDto }) total!: TargetsDto;
}

export class PlanResponseDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'How many times the plan was adopted; send it as If-Match' }) version!: number;
  @ApiPropertyOptional() committeeId?: string;
  @ApiProperty({ enum: ['json', 'tsv'] }) source!: string;
  @ApiProperty({ type: [PlanUnitResponseDto] }) units!: PlanUnitResponseDto[];
  @ApiPropertyOptional({ type: PlanMinimumsDto }) minimums?: PlanMinimumsDto;
  @ApiProperty({
    type: [String],
    description: 'What the import assumed or noticed, in the language of Accept-Language (Vietnamese by default)',
  })
  warnings!: string[];
}

/** A plan as answered: its warnings written in the reader's language. */
export type PlanResponse = Omit<PlanView, 'warnings'> & { warnings: string[] };

/** The plan for a reader of `locale`: the warnings, stored as catalogue messages, rendered. */
export const planInLanguage = (plan: PlanView, locale: Locale): PlanResponse => ({
  ...plan,
  warnings: plan.warnings.map((warning) => renderMessage(warning, locale)),
});

const QUARTERS_EXAMPLE = [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 1, admissions: 1 }));
export const PLAN_EXAMPLE = {
  year: 2024,
  version: 1,
  committeeId: 'xa-dong',
  source: 'json',
  units: [
    {
      unitId: 'thon-mot',
      name: 'Chi bộ thôn Một',
      table: 'branches',
      quarters: QUARTERS_EXAMPLE,
      total: { nominations: 4, admissions: 4 },
    },
    {
      unitId: 'hoi-dong',
      name: 'Hội Phụ nữ xã Đông',
      table: 'coordination',
      quarters: QUARTERS_EXAMPLE,
      total: { nominations: 4, admissions: 4 },
    },
  ],
  minimums: { total: 2 },
  warnings: [messageOf('plan.missing-quarters', { unitId: 'thon-hai', quarters: ['IV'] }, DEFAULT_LOCALE)],
};
