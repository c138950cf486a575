import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { BrokenChainError } from '@ketnap/event-store';
import { RequestError } from '../commands/refusals';
import { AuditCheckpoints, type CheckpointAudit } from './audit-checkpoints';
import { ListAuditCheckpointsQuery, TakeAuditCheckpointCommand, VerifyAuditCheckpointQuery } from './audit.commands';
import type { CheckpointView } from './checkpoint.view';

@CommandHandler(TakeAuditCheckpointCommand)
export class TakeAuditCheckpointHandler implements ICommandHandler<TakeAuditCheckpointCommand> {
  constructor(private readonly checkpoints: AuditCheckpoints) {}

  /** @throws RequestError (409) when the log does not chain: the damage is not signed as the truth */
  async execute(): Promise<CheckpointView & { publicKey: string }> {
    try {
      return await this.checkpoints.take();
    } catch (error) {
      if (error instanceof BrokenChainError) {
        const { streamId, streamVersion, reason } = error.broken;
        throw new RequestError('conflict', 'AUDIT_CHAIN_BROKEN', { streamId, version: String(streamVersion), reason });
      }
      throw error;
    }
  }
}

@QueryHandler(ListAuditCheckpointsQuery)
export class ListAuditCheckpointsHandler implements IQueryHandler<ListAuditCheckpointsQuery> {
  constructor(private readonly checkpoints: AuditCheckpoints) {}

  async execute({ limit }: ListAuditCheckpointsQuery): Promise<{ items: CheckpointView[] }> {
    return { items: this.checkpoints.list(limit) };
  }
}

@QueryHandler(VerifyAuditCheckpointQuery)
export class VerifyAuditCheckpointHandler implements IQueryHandler<VerifyAuditCheckpointQuery> {
  constructor(private readonly checkpoints: AuditCheckpoints) {}

  execute({ checkpointId }: VerifyAuditCheckpointQuery): Promise<CheckpointAudit> {
    return this.checkpoints.verify(checkpointId);
  }
}
