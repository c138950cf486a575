import { ApiProperty } from '@nestjs/swagger';
import { Text } from './text';

/** `DELETE /dossiers/{id}/personal`: why, and on what legal basis. Neither may name the person: both outlive the erasure. */
export class ErasePersonalDataDto {
  @Text(2000, 'Người có dữ liệu đề nghị xóa sau khi rút hồ sơ') reason!: string;
  @Text(2000, 'Luật Bảo vệ dữ liệu cá nhân 2025, Điều 16') legalBasis!: string;
}

export class ErasureResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: "The dossier's version after the erasure event" }) version!: number;
  @ApiProperty({ type: [String] }) appended!: string[];
  @ApiProperty({ enum: [true] }) erased!: true;
  @ApiProperty({ format: 'date' }) erasedOn!: string;
}

export const ERASURE_EXAMPLE = {
  id: '0f8e7a52-3b1c-4d59-9a40-6c2e1f0b9d77',
  version: 12,
  appended: ['PersonalDataErased'],
  erased: true,
  erasedOn: '2026-12-07',
};

export class PersonalExportItemDto {
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) occurredOn!: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: "The event's personal part as recorded; null once erased",
  })
  personal!: Record<string, unknown> | null;
}

export class PersonalExportResponseDto {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ format: 'date-time' }) exportedAt!: string;
  @ApiProperty() erased!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The candidate as corrected' })
  candidate!: Record<string, unknown>;
  @ApiProperty({ type: [PersonalExportItemDto] }) items!: PersonalExportItemDto[];
}
