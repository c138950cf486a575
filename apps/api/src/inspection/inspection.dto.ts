import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { InspectionCaseStatus } from '@ketnap/domain';
import { Trimmed } from '../common/validation/input.transforms';
import { PageCursor, PageLimit } from '../common/validation/page.query';

const STATUSES: InspectionCaseStatus[] = ['open', 'acknowledged', 'closed', 'withdrawn'];

/** `GET /inspection/cases?status=&limit=&cursor=`. */
export class InspectionCasesQueryDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: InspectionCaseStatus;

  @PageLimit() limit?: number;
  @PageCursor() cursor?: string;
}

/** `POST /inspection/cases/{id}/acknowledge`. */
export class AcknowledgeCaseRequestDto {
  @ApiPropertyOptional({ maxLength: 4000, example: 'Đang xác minh với chi bộ' })
  @IsOptional()
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  note?: string;
}

/** `POST /inspection/cases/{id}/close`: the committee's finding (kết luận) and resolution (biện pháp xử lý). */
export class CloseCaseRequestDto {
  @ApiProperty({ maxLength: 4000, example: 'Chi bộ chậm 3 ngày làm việc do thiếu hồ sơ' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  finding!: string;

  @ApiProperty({ maxLength: 4000, example: 'Nhắc nhở, yêu cầu rút kinh nghiệm' })
  @Trimmed()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  resolution!: string;
}

/** A write's answer (OpenAPI only). */
export class CaseWriteResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: "The case's new version; send it as If-Match" }) version!: number;
  @ApiProperty({ enum: STATUSES }) status!: string;
}
