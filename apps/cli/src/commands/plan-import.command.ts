import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import {
  PLAN_YEAR_MAX,
  PLAN_YEAR_MIN,
  PlanError,
  isPlanYear,
  isUnitId,
  type PlanView,
  type UnitView,
} from '@ketnap/domain';
import { AdoptPlanCommand, GetPlanQuery, ListUnitsQuery, type PlanSubmission } from '@ketnap/engine';
import { CliModule } from '../cli.module';
import { UsageError } from '../cli-errors';
import { got, say } from '../cli-text';
import { cliConfig } from '../cli-config';

interface ImportOptions {
  year: string;
  createUnits?: boolean;
  committee?: string;
  committeeName?: string;
  minTotal?: string;
  minRural?: string;
  minAgency?: string;
}

/** The actor recorded in the metadata of what the CLI appends. */
const CLI_ACTOR = { sub: 'cli', role: 'admin', unitIds: [] };

const count = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value)) throw new UsageError(say('cli.plan.count', { flag, got: got(value) }));
  return Number(value);
};

/**
 * `ketnap plan import FILE --year YEAR [--create-units]`: adopts the published table through the same
 * handler as `PUT /plans/{year}`, on the configured store (which creates the units, the party committee
 * too), and prints the plan's warnings. A table the same as the plan adopted records nothing.
 */
export function registerPlanImport(program: Command, out: (line: string) => void): void {
  program
    .command('plan')
    .description('yearly plans')
    .command('import')
    .description('adopt a plan from its published tab-separated table')
    .argument('<file>', 'the published table (tab-separated, as data/plan-2024-dong-tien.tsv)')
    .requiredOption('--year <year>', `plan year, ${PLAN_YEAR_MIN}-${PLAN_YEAR_MAX}`)
    .option(
      '--create-units',
      'create the units the catalog lacks (branches from table 1, mass orgs from table 2) and the party committee',
    )
    .option('--committee <id>', "the plan's committee (default: the catalog's only party committee, or dang-uy)")
    .option('--committee-name <name>', 'the name of the party committee --create-units creates (default: Đảng ủy)')
    .option('--min-total <n>', 'minimum admissions for the commune')
    .option('--min-rural <n>', 'minimum admissions in rural branches')
    .option('--min-agency <n>', 'minimum admissions in agency branches')
    .action(async (file: string, options: ImportOptions) => {
      const year = Number(options.year);
      if (!/^\d{4}$/.test(options.year) || !isPlanYear(year))
        throw new UsageError(
          say('cli.plan.year', { min: String(PLAN_YEAR_MIN), max: String(PLAN_YEAR_MAX), got: got(options.year) }),
        );
      if (options.committee !== undefined && !isUnitId(options.committee))
        throw new UsageError(say('cli.plan.committeeId', { got: got(options.committee) }));
      if (options.committeeName !== undefined && !options.createUnits)
        throw new UsageError(say('cli.plan.committeeName'));
      const minimums = {
        total: count('--min-total', options.minTotal),
        rural: count('--min-rural', options.minRural),
        agency: count('--min-agency', options.minAgency),
      };
      const given = Object.fromEntries(Object.entries(minimums).filter(([, value]) => value !== undefined));
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        const reason = error.code === 'ENOENT' ? say('cli.noSuchFile') : error.message;
        throw new Error(say('cli.cannotRead', { file, reason }));
      });
      const app = await NestFactory.createApplicationContext(CliModule.forRoot({ ...cliConfig(), worker: false }), {
        logger: ['error'],
      });
      try {
        const queries = app.get(QueryBus);
        const commands = app.get(CommandBus);
        const context = { actor: CLI_ACTOR, correlationId: randomUUID() };
        const before: PlanView | undefined = await queries.execute(new GetPlanQuery(year));
        const known = new Set(((await queries.execute(new ListUnitsQuery())) as UnitView[]).map((u) => u.unitId));
        const submission: PlanSubmission = {
          format: 'tsv',
          text,
          createUnits: options.createUnits === true,
          ...(options.committee ? { committeeId: options.committee } : {}),
          ...(options.committeeName ? { committeeName: options.committeeName } : {}),
          ...(Object.keys(given).length > 0 ? { minimums: given } : {}),
        };
        const plan: PlanView = await commands
          .execute(new AdoptPlanCommand(year, submission, context))
          .catch((error: unknown) => {
            if (error instanceof PlanError && error.code === 'UNKNOWN_UNIT' && Array.isArray(error.details?.names))
              throw new Error(say('cli.plan.unknownUnits', { names: (error.details.names as string[]).map(got) }));
            throw error;
          });
        if (before !== undefined && plan.version === before.version) {
          out(say('cli.plan.unchanged', { year: String(plan.year), version: plan.version }));
          return;
        }
        const tables = new Set(plan.units.map((unit) => unit.table)).size;
        out(
          say('cli.plan.adopted', {
            year: String(plan.year),
            version: plan.version,
            units: plan.units.length,
            tables,
          }),
        );
        if (plan.committeeId !== undefined && !known.has(plan.committeeId)) {
          const units: UnitView[] = await queries.execute(new ListUnitsQuery());
          const committee = units.find((u) => u.unitId === plan.committeeId)!;
          out(say('cli.plan.committeeCreated', { name: committee.name, unitId: committee.unitId }));
        }
        for (const warning of plan.warnings) out(say('cli.plan.warning', { warning }));
      } finally {
        await app.close();
      }
    });
}
