import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EngineModule, PlansModule, UnitsModule, type KetnapConfig } from '@ketnap/engine';

/** What the CLI's commands run on: the engine on the configured store and the same handlers as the API. */
@Module({})
export class CliModule {
  static forRoot(config: KetnapConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [EngineModule.forRoot(config), CqrsModule.forRoot(), UnitsModule, PlansModule],
    };
  }
}
