import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { UNIT_ID_PATTERN } from '@ketnap/domain';
import { PlanError } from '@ketnap/domain';
import { RequestError } from '@ketnap/engine';
import { PROBLEMS } from '../common/openapi/problems';
import { PlanYearParams } from '../plans/plan-year.params';
import { UNIT_ID_MESSAGE } from '../units/unit-id.params';

/** A committee named in the path: a party committee, or a higher committee for the reports' roll-up. */
export class CommitteeParams {
  @ApiProperty({ example: 'dong-tien', pattern: UNIT_ID_PATTERN.source })
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  committeeId!: string;
}

export class CommitteeYearParams extends PlanYearParams {
  @ApiProperty({ example: 'dong-tien', pattern: UNIT_ID_PATTERN.source })
  @Matches(UNIT_ID_PATTERN, { message: UNIT_ID_MESSAGE })
  committeeId!: string;
}

/** 404: the path names no party committee (nor, on the reports, a higher committee). */
export const COMMITTEE_NOT_FOUND = PROBLEMS.of(
  new RequestError('not-found', 'NOT_FOUND.committee', { committeeId: 'dong-tay' }),
);

/** 400 of an unscoped route (`/plans/{year}`, `/reports/…`) in a deployment of several committees. */
export const COMMITTEE_REQUIRED = PROBLEMS.of(
  new PlanError('COMMITTEE_REQUIRED', { committees: 'dong-tay, dong-tien' }, { committees: ['dong-tay', 'dong-tien'] }),
);
