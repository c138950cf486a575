/** `POST /audit/checkpoints`, `ketnap audit checkpoint`: sign a checkpoint of the log as it is now. */
export class TakeAuditCheckpointCommand {}

/** `GET /audit/checkpoints`: this server's checkpoints, the newest first. */
export class ListAuditCheckpointsQuery {
  constructor(readonly limit: number) {}
}

/** `GET /audit/verify?checkpoint=<id>`: the whole chain, and what changed since that checkpoint. */
export class VerifyAuditCheckpointQuery {
  constructor(readonly checkpointId: string) {}
}
