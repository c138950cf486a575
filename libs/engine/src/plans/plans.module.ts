import { Module } from '@nestjs/common';
import { UnitsModule } from '../units/units.module';
import { AdoptPlanHandler } from './adopt-plan.handler';
import { GetPlanHandler } from './get-plan.handler';

/** Yearly plans (kế hoạch phát triển đảng viên): adoption from JSON or the published table, and reading. */
@Module({
  imports: [UnitsModule],
  providers: [AdoptPlanHandler, GetPlanHandler],
})
export class PlansModule {}
