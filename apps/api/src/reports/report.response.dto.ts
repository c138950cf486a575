import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAGES, UNIT_BLOCKS, UNIT_KINDS } from '@ketnap/domain';
import { TargetsDto } from '../plans/plan.response.dto';

/** The reports as answered (OpenAPI only), with the examples the document shows. */

const STATUS = ['met', 'exceeded', 'behind'];

export class QuarterFiguresDto {
  @ApiProperty({ enum: [1, 2, 3, 4] }) quarter!: number;
  @ApiProperty({ type: TargetsDto }) target!: TargetsDto;
  @ApiProperty({ type: TargetsDto }) actual!: TargetsDto;
}

export class TotalFiguresDto {
  @ApiProperty({ type: TargetsDto }) target!: TargetsDto;
  @ApiProperty({ type: TargetsDto }) actual!: TargetsDto;
}

export class QuotaRowDto {
  @ApiProperty({ type: [QuarterFiguresDto] }) quarters!: QuarterFiguresDto[];
  @ApiProperty({ type: TotalFiguresDto }) total!: TotalFiguresDto;
  @ApiProperty({ enum: STATUS, description: 'The actual figures against the targets of the quarters begun' })
  status!: string;
}

export class QuotaUnitRowDto extends QuotaRowDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_KINDS }) kind!: string;
  @ApiProperty({ enum: UNIT_BLOCKS, nullable: true, type: String }) block!: string | null;
  @ApiProperty({ enum: ['branches', 'coordination'] }) table!: string;
  @ApiProperty({ description: 'False for a unit with actual figures but no row in the plan' }) inPlan!: boolean;
}

export class QuotaBlockRowDto extends QuotaRowDto {
  @ApiProperty({ enum: [...UNIT_BLOCKS, 'coordination'] }) block!: string;
  @ApiProperty() name!: string;
}

export class QuotaCommitteeRowDto extends QuotaRowDto {
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty() name!: string;
}

export class QuotaMinimumDto {
  @ApiProperty({ enum: ['total', ...UNIT_BLOCKS] }) name!: string;
  @ApiProperty() required!: number;
  @ApiProperty() actual!: number;
  @ApiProperty() met!: boolean;
}

export class ReportScopeDto {
  @ApiProperty({ type: [String] }) units!: string[];
}

export class QuotaReportDto {
  @ApiProperty() year!: number;
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [QuotaUnitRowDto] }) units!: QuotaUnitRowDto[];
  @ApiProperty({ type: [QuotaBlockRowDto] }) blocks!: QuotaBlockRowDto[];
  @ApiProperty({ type: QuotaCommitteeRowDto }) committee!: QuotaCommitteeRowDto;
  @ApiProperty({ type: [QuotaMinimumDto] }) minimums!: QuotaMinimumDto[];
  @ApiProperty({ type: [String], description: 'How the figures are counted' }) rules!: string[];
  @ApiPropertyOptional({ type: ReportScopeDto, description: 'Present when narrowed to the reader’s units' })
  scope?: ReportScopeDto;
}

const figures = (nominations: number, admissions: number) => ({ nominations, admissions });
const ROW = {
  quarters: [1, 2, 3, 4].map((quarter) => ({
    quarter,
    target: figures(1, 1),
    actual: quarter === 1 ? figures(1, 1) : figures(0, 0),
  })),
  total: { target: figures(4, 4), actual: figures(1, 1) },
  status: 'met',
};
export const QUOTA_EXAMPLE = {
  year: 2024,
  asOf: '2024-03-31',
  units: [
    {
      unitId: 'thon-mot',
      name: 'Chi bộ thôn Một',
      kind: 'branch',
      block: 'rural',
      table: 'branches',
      inPlan: true,
      ...ROW,
    },
  ],
  blocks: [{ block: 'rural', name: 'Khối chi bộ nông thôn', ...ROW }],
  committee: { unitId: 'xa-dong', name: 'Đảng ủy xã Đông', ...ROW },
  minimums: [{ name: 'total', required: 2, actual: 1, met: false }],
  rules: ['A nomination counts in the quarter of its nomination date, for the nominating unit and for the branch.'],
};
export const QUOTA_CSV_EXAMPLE =
  '\ufeffBIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM 2024 (KHỐI CHI BỘ) - số liệu đến ngày 31/03/2024\r\n' +
  'Số TT,Tên đơn vị,Quý I,,,,Quý II,,,,Quý III,,,,Quý IV,,,,Cộng,,,,Đánh giá\r\n' +
  '1,Chi bộ thôn Một,1,1,1,1,1,0,1,0,1,0,1,0,1,0,1,0,4,1,4,1,Đạt\r\n';

const COUNT_MAP = (description: string) =>
  ({ type: 'object', additionalProperties: { type: 'integer' }, description }) as const;
const STAGE_COUNTS = COUNT_MAP('Candidates per stage, for every stage of `stages`');

export class PipelineBranchDto {
  @ApiProperty() branchId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: UNIT_BLOCKS, nullable: true, type: String }) block!: string | null;
  @ApiProperty(STAGE_COUNTS) stages!: Record<string, number>;
  @ApiProperty({ description: 'Candidates in a stage that is not final' }) inProgress!: number;
  @ApiProperty({ description: "Failed votes recorded for the branch's dossiers, at every level" }) failedVotes!: number;
}

export class PipelineTotalDto {
  @ApiProperty(STAGE_COUNTS) stages!: Record<string, number>;
  @ApiProperty() inProgress!: number;
  @ApiProperty() failedVotes!: number;
}

export class ReportedToHigherCommitteeDto {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty() branchId!: string;
  @ApiProperty({ description: 'Failed branch votes on admission (3 or more)' }) failedBranchVotes!: number;
  @ApiProperty({ format: 'date', nullable: true, type: String }) lastFailedOn!: string | null;
  @ApiProperty({ enum: STAGES }) stage!: string;
}

export class PipelineReportDto {
  @ApiProperty({ format: 'date' }) asOf!: string;
  @ApiProperty({ type: [String], enum: STAGES, description: 'The stages, in the order of the procedure' })
  stages!: string[];
  @ApiProperty({ type: [PipelineBranchDto] }) branches!: PipelineBranchDto[];
  @ApiProperty({ type: PipelineTotalDto }) total!: PipelineTotalDto;
  @ApiProperty({
    type: [ReportedToHigherCommitteeDto],
    description:
      'Dossiers whose branch failed to adopt the admission resolution three times or more: reported to the higher committee (QĐ 24-QĐ/TW 4.2.3)',
  })
  reportToHigherCommittee!: ReportedToHigherCommitteeDto[];
}
const COUNTS = Object.fromEntries(STAGES.map((stage) => [stage, stage === 'proposed' ? 1 : 0]));
export const PIPELINE_EXAMPLE = {
  asOf: '2024-06-10',
  stages: [...STAGES],
  branches: [
    { branchId: 'thon-mot', name: 'Chi bộ thôn Một', block: 'rural', stages: COUNTS, inProgress: 1, failedVotes: 3 },
  ],
  total: { stages: COUNTS, inProgress: 1, failedVotes: 3 },
  reportToHigherCommittee: [
    {
      dossierId: '0b7c6f1e-3d2a-4c5b-9e8f-1a2b3c4d5e6f',
      branchId: 'thon-mot',
      failedBranchVotes: 3,
      lastFailedOn: '2024-05-30',
      stage: 'in-preparation',
    },
  ],
};

export class AdmissionsBreakdownsDto {
  @ApiProperty(COUNT_MAP('By gender')) gender!: Record<string, number>;
  @ApiProperty(COUNT_MAP('By ethnicity')) ethnicity!: Record<string, number>;
  @ApiProperty(COUNT_MAP('By religion declared')) religion!: Record<string, number>;
  @ApiProperty(COUNT_MAP('member, not-member, unknown')) youthUnion!: Record<string, number>;
  @ApiProperty(COUNT_MAP('up-to-30, 31-45, 46-60, over-60 (full years on the decision date)'))
  ageBand!: Record<string, number>;
  @ApiProperty(COUNT_MAP('By education level')) education!: Record<string, number>;
}

export class AdmissionsReportDto {
  @ApiProperty() year!: number;
  @ApiProperty({ description: 'Admissions decided in the year' }) total!: number;
  @ApiProperty() women!: number;
  @ApiProperty({ description: 'Every ethnicity but Kinh' }) ethnicMinorities!: number;
  @ApiProperty({ description: 'Candidates who declared a religion' }) religious!: number;
  @ApiProperty() youthUnionMembers!: number;
  @ApiProperty({ description: 'Up to 30 years old on the decision date' }) youngUpTo30!: number;
  @ApiProperty({ type: AdmissionsBreakdownsDto }) breakdowns!: AdmissionsBreakdownsDto;
  @ApiProperty({ type: [String], description: 'How the figures are counted' }) rules!: string[];
}
export const ADMISSIONS_EXAMPLE = {
  year: 2024,
  total: 2,
  women: 1,
  ethnicMinorities: 1,
  religious: 0,
  youthUnionMembers: 2,
  youngUpTo30: 2,
  breakdowns: {
    gender: { female: 1, male: 1 },
    ethnicity: { Kinh: 1, Tày: 1 },
    religion: {},
    youthUnion: { member: 2, 'not-member': 0, unknown: 0 },
    ageBand: { 'up-to-30': 2, '31-45': 0, '46-60': 0, 'over-60': 0 },
    education: { 'upper-secondary': 1, university: 1 },
  },
  rules: ['An admission counts in the year of its admission decision date; refusals are not admissions.'],
};
