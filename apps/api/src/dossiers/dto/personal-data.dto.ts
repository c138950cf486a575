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

export const PERSONAL_EXPORT_EXAMPLE = {
  dossierId: ERASURE_EXAMPLE.id,
  exportedAt: '2026-12-07T03:15:00.000Z',
  erased: false,
  candidate: {
    fullName: 'Nguyễn Thị Hồng Nhung',
    birthDate: '1998-04-12',
    gender: 'female',
    ethnicity: 'Kinh',
    educationLevel: 'upper-secondary',
    youthUnionMember: true,
  },
  items: [
    {
      eventId: 'c6b8f0a2-5d41-4c77-9a0e-2f6d1b3e8a90',
      type: 'CandidateNominated',
      occurredOn: '2024-02-01',
      recordedAt: '2024-02-01T02:30:00.000Z',
      personal: { fullName: 'Nguyễn Thị Hồng Nhung', birthDate: '1998-04-12', gender: 'female' },
    },
    {
      eventId: '1f4e9c3b-8a2d-4b6e-b0c1-7d5a9e2f3c48',
      type: 'HelpersAssigned',
      occurredOn: '2024-02-10',
      recordedAt: '2024-02-10T03:00:00.000Z',
      personal: { helpers: [{ name: 'Hoàng Văn Ba', memberId: 'dv-13' }] },
    },
  ],
};
