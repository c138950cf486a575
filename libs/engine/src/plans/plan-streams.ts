import {
  committeeOfPlan,
  committeePlanStreamId,
  decodeEvent,
  emptyPlanState,
  evolvePlan,
  onlyCommittee,
  partyCommitteeIds,
  planStreamId,
  unitsOf,
  type UnitCatalog,
} from '@ketnap/domain';
import type { EventStore } from '@ketnap/event-store';
import { RequestError } from '../commands/refusals';

/**
 * The stream holding a committee's plan of a year (API.md "Committees and reports across levels").
 * The year's own stream `plan-<year>` (the only stream before a deployment held several committees)
 * stays the stream of the committee its plan belongs to (the committee it names, else the only one),
 * and is the stream of a single-committee deployment's new years; any other committee's plan lives in
 * `plan-<committeeId>-<year>`. Without `committeeId` (the unscoped `/plans/{year}`): the only
 * committee, `plan-<year>` when the catalog has none yet.
 * @throws RequestError `NOT_FOUND.committee` for a `committeeId` that is no party committee.
 * @throws PlanError `COMMITTEE_REQUIRED` without `committeeId`, when the catalog holds several committees.
 */
export async function planStreamFor(
  store: EventStore,
  catalog: UnitCatalog,
  year: number,
  committeeId?: string,
): Promise<{ streamId: string; committeeId?: string }> {
  const committees = partyCommitteeIds(unitsOf(catalog));
  if (committeeId !== undefined && !committees.includes(committeeId))
    throw new RequestError('not-found', 'NOT_FOUND.committee', { committeeId });
  const committee = committeeId ?? onlyCommittee(committees);
  if (committee === undefined) return { streamId: planStreamId(year) };
  const legacy = (await store.readStream(planStreamId(year))).map(decodeEvent).reduce(evolvePlan, emptyPlanState());
  const owner = legacy.plan
    ? committeeOfPlan(legacy.plan, committees)
    : committees.length === 1
      ? committee
      : undefined;
  return {
    streamId: owner === committee ? planStreamId(year) : committeePlanStreamId(committee, year),
    committeeId: committee,
  };
}
