import { Command } from '@nestjs/cqrs';
import type { PlanInput, PlanMinimums } from '@ketnap/domain';
import type { CommandContext } from '../commands/command-context';
import type { PlanView } from '@ketnap/domain';

/** A plan as submitted: a JSON body, or the published tab-separated table. */
export type PlanSubmission =
  | { format: 'json'; input: PlanInput }
  | {
      format: 'tsv';
      text: string;
      /** Create the units the catalog lacks (branches from the branch table, mass orgs from the coordination table). */
      createUnits: boolean;
      /**
       * Default: the catalog's only party committee, if it has exactly one. With `createUnits`, a party
       * committee the catalog lacks is created (this id, else `dang-uy`).
       */
      committeeId?: string;
      /** The name of the party committee `createUnits` creates (default: Đảng ủy). */
      committeeName?: string;
      minimums?: PlanMinimums;
    };

/**
 * Adopt (or replace) the plan of a year: `PUT /plans/{year}`, `ketnap plan import`; of one committee's
 * year with `committeeId` (`PUT /committees/{committeeId}/plans/{year}`, the plan must name it).
 */
export class AdoptPlanCommand extends Command<PlanView> {
  constructor(
    readonly year: number,
    readonly submission: PlanSubmission,
    readonly context: CommandContext,
    readonly committeeId?: string,
  ) {
    super();
  }
}
