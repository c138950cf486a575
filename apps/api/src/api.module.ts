import { Module, type DynamicModule } from '@nestjs/common';
import { EngineModule, type KetnapConfig } from '@ketnap/engine';
import { HealthController } from './system/health.controller';
import { MetricsController } from './system/metrics.controller';

@Module({})
export class ApiModule {
  static forRoot(config: KetnapConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [EngineModule.forRoot(config)],
      controllers: [HealthController, MetricsController],
    };
  }
}
