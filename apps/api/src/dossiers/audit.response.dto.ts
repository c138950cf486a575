import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BrokenLinkDto } from './dto/dossier.response.dto';

/** The answers of the audit routes (OpenAPI only), with the examples the document shows. */

const CHECKPOINT_ID = 'cp-000000000018-20240610T010000000Z';

export class CheckpointFindingDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ enum: ['changed', 'truncated', 'deleted', 'added'] }) problem!: string;
  @ApiPropertyOptional({ description: 'The event concerned' }) version?: number;
  @ApiProperty() reason!: string;
}

export class CheckpointVerdictDto {
  @ApiProperty({ example: CHECKPOINT_ID }) id!: string;
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: [CheckpointFindingDto] }) findings!: CheckpointFindingDto[];
  @ApiPropertyOptional({ description: 'Why the checkpoint itself could not be read or verified' }) error?: string;
}

export class AuditVerifyResponseDto {
  @ApiProperty({ description: 'Every hash chain verifies (and, with ?checkpoint=, nothing changed since it)' })
  ok!: boolean;
  @ApiProperty() streams!: number;
  @ApiProperty() events!: number;
  @ApiPropertyOptional({ type: BrokenLinkDto }) firstBroken?: BrokenLinkDto;
  @ApiPropertyOptional({ type: CheckpointVerdictDto, description: 'With ?checkpoint= only' })
  checkpoint?: CheckpointVerdictDto;
}
export const AUDIT_VERIFY_EXAMPLE = {
  ok: true,
  streams: 4,
  events: 18,
  checkpoint: { id: CHECKPOINT_ID, ok: true, findings: [] },
};

export class CheckpointResponseDto {
  @ApiProperty({ example: CHECKPOINT_ID }) id!: string;
  @ApiProperty({ example: 'ketnap-checkpoint/1' }) format!: string;
  @ApiProperty({ description: 'The global position signed' }) position!: number;
  @ApiProperty({ description: "A hash over every stream's head" }) head!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() streamCount!: number;
  @ApiProperty({ description: 'Ed25519 signature, base64' }) signature!: string;
  @ApiProperty({ description: "The checkpoint's file on the server" }) file!: string;
}
const CHECKPOINT_EXAMPLE = {
  id: CHECKPOINT_ID,
  format: 'ketnap-checkpoint/1',
  position: 18,
  head: 'eecdfc1308fe671d1c31a0b0bff962525ef22bd0169536cb233d86ecb4287818',
  at: '2024-06-10T01:00:00.000Z',
  streamCount: 4,
  signature: 'dG4ZfMu6o6NiyUCVZndcxPaUuHUuj5Dbrp2I90iqw1mBFoq9/Q8fMinaJRJgLNEpMFxchG4Y/bVqP3vjV4qxCw==',
  file: `/var/lib/ketnap/checkpoints/${CHECKPOINT_ID}.json`,
};

export class TakenCheckpointResponseDto extends CheckpointResponseDto {
  @ApiProperty({ description: "The server's Ed25519 public key (PEM) that verifies the signature" })
  publicKey!: string;
}
export const TAKEN_CHECKPOINT_EXAMPLE = {
  ...CHECKPOINT_EXAMPLE,
  publicKey:
    '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAmefEnbBrzhWJeO3udLTADV5g/Jt+dvNJMxkjEtOl2T4=\n-----END PUBLIC KEY-----\n',
};

export class CheckpointListResponseDto {
  @ApiProperty({ type: [CheckpointResponseDto] }) items!: CheckpointResponseDto[];
}
export const CHECKPOINT_LIST_EXAMPLE = { items: [CHECKPOINT_EXAMPLE] };
