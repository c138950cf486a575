import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EngineModule, PlansModule, UnitsModule, UserAccounts, WorkerModule, type KetnapConfig } from '@ketnap/engine';

/** What the CLI's commands run on: the engine on the configured store and the same handlers as the API. */
@Module({})
export class CliModule {
  static forRoot(config: KetnapConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [EngineModule.forRoot(config), CqrsModule.forRoot(), UnitsModule, PlansModule],
      providers: [UserAccounts],
      exports: [UserAccounts],
    };
  }
}

/**
 * The CLI's engine with the worker's modules (every projection, the audit checkpoints and their
 * sender), nothing started: what `projections rebuild` and `audit checkpoint` run on.
 */
@Module({})
export class CliWorkerModule {
  static forRoot(config: KetnapConfig): DynamicModule {
    return { module: CliWorkerModule, imports: [CliModule.forRoot(config), WorkerModule] };
  }
}
