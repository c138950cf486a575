import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import { TakeAuditCheckpointCommand, loadCheckpointKeys, type CheckpointView } from '@ketnap/engine';
import { CliWorkerModule } from '../cli.module';
import { UsageError } from '../cli-errors';
import { say } from '../cli-text';
import { registerAuditVerify } from './audit-verify.command';
import { cliConfig } from '../cli-config';

/**
 * `ketnap audit …` (API.md "Audit anchoring"): `verify` the hash chain, or a copy of the database
 * against a signed checkpoint; take a `checkpoint`; print the `public-key` that verifies checkpoints.
 */
export function registerAudit(program: Command, out: (line: string) => void): void {
  const audit = program.command('audit').description('the audit trail: hash chain and signed checkpoints');
  registerAuditVerify(audit, out);

  audit
    .command('checkpoint')
    .description('sign the global position and every stream head into a checkpoint file (and the webhook, when set)')
    .action(async () => {
      const config = { ...cliConfig(), worker: false };
      if (config.eventStore === 'memory')
        throw new UsageError(say('cli.memoryStore', { instead: 'POST /api/v1/audit/checkpoints' }));
      const app = await NestFactory.createApplicationContext(CliWorkerModule.forRoot(config), { logger: ['error'] });
      try {
        const taken: CheckpointView = await app.get(CommandBus).execute(new TakeAuditCheckpointCommand());
        out(say('cli.audit.checkpointTaken', { id: taken.id, position: taken.position, streams: taken.streamCount }));
        out(say('cli.audit.checkpointFile', { file: taken.file }));
      } finally {
        await app.close();
      }
    });

  audit
    .command('public-key')
    .description("print the public key (PEM) that verifies this server's checkpoints; keep a copy off the machine")
    .action(() => {
      out(loadCheckpointKeys(cliConfig()).publicKeyPem.trimEnd());
    });
}
