import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  UNITS_STREAM,
  emptyCatalog,
  emptyPlanState,
  evolveCatalog,
  evolvePlan,
  fieldError,
  parsePlanTsv,
  partyCommitteeIds,
  planFromInput,
  planFromPublished,
  unitsOf,
  type OrgUnit,
  type Plan,
  type PlanView,
  type UnitCatalog,
} from '@ketnap/domain';
import { EVENT_STORE, canonicalJson, type EventStore } from '@ketnap/event-store';
import { authorizeCatalogWrite } from '../auth/catalog-access';
import { runCommand } from '../commands/command-pipeline';
import { UnitsReader } from '../units/units.reader';
import { RequestError } from '../commands/refusals';
import { AdoptPlanCommand, type PlanSubmission } from './adopt-plan.command';
import { planStreamFor } from './plan-streams';

/**
 * Adopts a year's plan: reads the submission against the unit catalog (refusing it whole, appending
 * nothing, when it cannot be read or names unknown units), records the units it may create (the party
 * committee first, when the catalog has none fitting), then
 * appends `PlanAdopted` to `plan-<year>`. `If-Match` names the plan's version. A plan the same as the
 * one adopted (its warnings aside) appends nothing and answers the adopted plan and its version.
 */
@CommandHandler(AdoptPlanCommand)
export class AdoptPlanHandler implements ICommandHandler<AdoptPlanCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly units: UnitsReader,
  ) {}

  async execute({ year, submission, context, committeeId }: AdoptPlanCommand): Promise<PlanView> {
    const catalog = await this.units.catalog();
    const committee = committeeId ?? (await this.namedCommittee(year, submission, catalog));
    const stream = await planStreamFor(this.store, catalog, year, committee);
    if (committeeId !== undefined) submission = ofCommittee(submission, committeeId);
    let adopted: { plan: Plan; newUnits: OrgUnit[] } | undefined;
    const { result } = await runCommand(
      this.store,
      {
        streamId: stream.streamId,
        resource: { key: 'resource.plan', params: { year: String(year) } },
        initialState: emptyPlanState,
        evolve: evolvePlan,
        authorize: () => authorizeCatalogWrite(context, 'plans:write'),
        decide: async (state) => {
          adopted ??= await this.adopt(year, submission);
          // The plan already adopted, submitted again: nothing to record, the same version answers.
          if (adopted.newUnits.length === 0 && state.plan && samePlan(state.plan, adopted.plan)) return [];
          if (adopted.newUnits.length > 0) await this.recordUnits(adopted.newUnits, context);
          return [{ type: 'PlanAdopted', data: adopted.plan }];
        },
        result: (state, version) => ({ ...state.plan!, version }),
      },
      context,
    );
    return result;
  }

  /**
   * The committee a plan submitted to the unscoped `PUT /plans/{year}` names (its `committeeId`), when it
   * is a party committee of the catalog; a deployment of several committees refuses a plan naming none
   * (`COMMITTEE_REQUIRED`), or one of another kind as it refuses it with one committee (`UNKNOWN_UNIT`).
   */
  private async namedCommittee(
    year: number,
    submission: PlanSubmission,
    catalog: UnitCatalog,
  ): Promise<string | undefined> {
    const named = submission.format === 'json' ? submission.input.committeeId : submission.committeeId;
    if (named === undefined) return undefined;
    if (catalog.get(named)?.kind === 'party-committee') return named;
    if (partyCommitteeIds(unitsOf(catalog)).length > 1) await this.adopt(year, submission);
    return undefined;
  }

  private async adopt(year: number, submission: PlanSubmission): Promise<{ plan: Plan; newUnits: OrgUnit[] }> {
    const catalog = await this.units.catalog();
    if (submission.format === 'json')
      return { plan: planFromInput(year, submission.input, unitsOf(catalog)), newUnits: [] };
    const published = parsePlanTsv(submission.text);
    return planFromPublished(published, unitsOf(catalog), {
      year,
      createUnits: submission.createUnits,
      committeeId: submission.committeeId,
      committeeName: submission.committeeName,
      minimums: submission.minimums,
    });
  }

  private async recordUnits(units: OrgUnit[], context: AdoptPlanCommand['context']): Promise<void> {
    await runCommand(
      this.store,
      {
        streamId: UNITS_STREAM,
        commandPart: 'units',
        initialState: emptyCatalog,
        evolve: evolveCatalog,
        decide: (catalog) =>
          units
            .filter((unit) => !catalog.has(unit.unitId))
            .map((unit) => ({ type: 'UnitRecorded' as const, data: unit })),
        result: () => undefined,
      },
      { ...context, expectedVersion: undefined },
    );
  }
}

/**
 * A submission to a committee's route: a JSON plan must name that committee; the published table is
 * read for it.
 */
function ofCommittee(submission: PlanSubmission, committeeId: string): PlanSubmission {
  if (submission.format === 'tsv') return { ...submission, committeeId };
  if (submission.input.committeeId !== committeeId)
    throw new RequestError('invalid', 'VALIDATION_FAILED', {}, [
      fieldError('committeeId', 'field.committee-path', { value: committeeId }),
    ]);
  return submission;
}

/**
 * The same targets for the same units and committee, from the same kind of source; warnings aside.
 * Compared as the store writes them (canonical JSON), whatever the objects' prototypes.
 */
function samePlan(adopted: Plan, submitted: Plan): boolean {
  const { warnings: _a, ...before } = adopted;
  const { warnings: _b, ...after } = submitted;
  return canonicalJson(before) === canonicalJson(after);
}
