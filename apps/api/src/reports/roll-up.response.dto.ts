import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAGES } from '@ketnap/domain';
import {
  AdmissionsBreakdownsDto,
  PipelineTotalDto,
  QuotaRowDto,
  ReportedToHigherCommitteeDto,
} from './report.response.dto';

/**
 * The reports of a higher committee (API.md "Committees and reports across levels"), as answered
 * (OpenAPI only): one row per party committee below it at any depth, then the totals.
 */

export class HigherCommitteeDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['higher-committee'] }) kind!: string;
}

export class QuotaRollUpRowDto extends QuotaRowDto {
  @ApiProperty({ description: 'The party committee' }) unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The unit it hangs under' }) parentId!: string | null;
  @ApiProperty({ description: 'False when the committee has no plan for the year (targets 0)' }) inPlan!: boolean;
  @ApiProperty({ description: 'How many unit rows of its report were summed' }) units!: number;
}

export class RollUpScopeDto {
  @ApiProperty({ type: [String] }) committees!: string[];
}

export class QuotaRollUpDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: HigherCommitteeDto }) committee!: HigherCommitteeDto;
  @ApiProperty({
    type: [QuotaRollUpRowDto],
    description: "One row per party committee below: its units' targets and actuals summed quarter by quarter",
  })
  committees!: QuotaRollUpRowDto[];
  @ApiProperty({ type: QuotaRowDto, description: 'The committee rows summed quarter by quarter' }) total!: QuotaRowDto;
  @ApiProperty({ type: [String], description: 'How the figures are rolled up' }) rules!: string[];
  @ApiPropertyOptional({ type: RollUpScopeDto, description: 'Present when narrowed to the reader’s committees' })
  scope?: RollUpScopeDto;
}

const figures = (nominations: number, admissions: number) => ({ nominations, admissions });
const row = (n: number) => ({
  quarters: [1, 2, 3, 4].map((quarter) => ({
    quarter,
    target: figures(n, n),
    actual: quarter === 1 ? figures(n, n) : figures(0, 0),
  })),
  total: { target: figures(4 * n, 4 * n), actual: figures(n, n) },
  status: 'met',
});
const HIGHER = { unitId: 'huyen-dong', name: 'Huyện ủy Đông', kind: 'higher-committee' };
export const QUOTA_ROLL_UP_EXAMPLE = {
  year: 2024,
  asOf: '2024-03-31',
  committee: HIGHER,
  committees: [
    { unitId: 'xa-dong', name: 'Đảng ủy xã Đông', parentId: 'huyen-dong', inPlan: true, units: 12, ...row(1) },
    { unitId: 'xa-tay', name: 'Đảng ủy xã Tây', parentId: 'huyen-dong', inPlan: true, units: 9, ...row(2) },
  ],
  total: row(3),
  rules: [
    'One row per party committee below the higher committee, at any depth: its targets and actuals are the sums of its unit rows.',
  ],
};

export class PipelineRollUpRowDto extends PipelineTotalDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ description: 'How many branches were summed' }) branches!: number;
}

export class PipelineRollUpDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [String], enum: STAGES }) stages!: string[];
  @ApiProperty({ type: HigherCommitteeDto }) committee!: HigherCommitteeDto;
  @ApiProperty({ type: [PipelineRollUpRowDto] }) committees!: PipelineRollUpRowDto[];
  @ApiProperty({ type: PipelineTotalDto }) total!: PipelineTotalDto;
  @ApiProperty({ type: [ReportedToHigherCommitteeDto] }) reportToHigherCommittee!: ReportedToHigherCommitteeDto[];
}
const counts = (n: number) => Object.fromEntries(STAGES.map((stage) => [stage, stage === 'proposed' ? n : 0]));
export const PIPELINE_ROLL_UP_EXAMPLE = {
  asOf: '2024-06-10',
  stages: [...STAGES],
  committee: HIGHER,
  committees: [
    {
      unitId: 'xa-dong',
      name: 'Đảng ủy xã Đông',
      parentId: 'huyen-dong',
      branches: 12,
      stages: counts(1),
      inProgress: 1,
      failedVotes: 0,
    },
    {
      unitId: 'xa-tay',
      name: 'Đảng ủy xã Tây',
      parentId: 'huyen-dong',
      branches: 9,
      stages: counts(2),
      inProgress: 2,
      failedVotes: 1,
    },
  ],
  total: { stages: counts(3), inProgress: 3, failedVotes: 1 },
  reportToHigherCommittee: [],
};

export class AdmissionsFiguresDto {
  @ApiProperty({ description: 'Admissions decided in the year' }) total!: number;
  @ApiProperty() women!: number;
  @ApiProperty() ethnicMinorities!: number;
  @ApiProperty() religious!: number;
  @ApiProperty() youthUnionMembers!: number;
  @ApiProperty() youngUpTo30!: number;
  @ApiProperty({ type: AdmissionsBreakdownsDto }) breakdowns!: AdmissionsBreakdownsDto;
}

export class AdmissionsRollUpRowDto extends AdmissionsFiguresDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) parentId!: string | null;
}

export class AdmissionsRollUpDto {
  @ApiProperty() year!: number;
  @ApiProperty({ type: HigherCommitteeDto }) committee!: HigherCommitteeDto;
  @ApiProperty({ type: [AdmissionsRollUpRowDto] }) committees!: AdmissionsRollUpRowDto[];
  @ApiProperty({ type: AdmissionsFiguresDto, description: 'Over the branches of every committee below' })
  total!: AdmissionsFiguresDto;
  @ApiProperty({ type: [String] }) rules!: string[];
}
const admissions = (n: number) => ({
  total: n,
  women: n,
  ethnicMinorities: 0,
  religious: 0,
  youthUnionMembers: n,
  youngUpTo30: n,
  breakdowns: {
    gender: { female: n },
    ethnicity: { Kinh: n },
    religion: {},
    youthUnion: { member: n, 'not-member': 0, unknown: 0 },
    ageBand: { 'up-to-30': n, '31-45': 0, '46-60': 0, 'over-60': 0 },
    education: { 'upper-secondary': n },
  },
});
export const ADMISSIONS_ROLL_UP_EXAMPLE = {
  year: 2024,
  committee: HIGHER,
  committees: [
    { unitId: 'xa-dong', name: 'Đảng ủy xã Đông', parentId: 'huyen-dong', ...admissions(1) },
    { unitId: 'xa-tay', name: 'Đảng ủy xã Tây', parentId: 'huyen-dong', ...admissions(2) },
  ],
  total: admissions(3),
  rules: ['One row per party committee below the higher committee, at any depth, over its branches.'],
};
