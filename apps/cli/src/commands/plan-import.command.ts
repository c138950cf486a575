import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import { PLAN_YEAR_MAX, PLAN_YEAR_MIN, isPlanYear, isUnitId } from '@ketnap/domain';
import { AdoptPlanCommand, loadConfig, type PlanSubmission } from '@ketnap/engine';
import { CliModule } from '../cli.module';
import { UsageError } from '../cli-errors';

interface ImportOptions {
  year: string;
  createUnits?: boolean;
  committee?: string;
  minTotal?: string;
  minRural?: string;
  minAgency?: string;
}

/** The actor recorded in the metadata of what the CLI appends. */
const CLI_ACTOR = { sub: 'cli', role: 'admin', unitIds: [] };

const count = (flag: string, value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{1,5}$/.test(value)) throw new UsageError(`${flag} must be a whole number (got ${JSON.stringify(value)})`);
  return Number(value);
};

/**
 * `ketnap plan import FILE --year YEAR [--create-units]`: adopts the published table through the same
 * handler as `PUT /plans/{year}`, on the configured store, and prints the warnings.
 */
export function registerPlanImport(program: Command, out: (line: string) => void): void {
  program
    .command('plan')
    .description('yearly plans')
    .command('import')
    .description('adopt a plan from its published tab-separated table')
    .argument('<file>', 'the published table (tab-separated, as data/plan-2024-dong-tien.tsv)')
    .requiredOption('--year <year>', `plan year, ${PLAN_YEAR_MIN}-${PLAN_YEAR_MAX}`)
    .option('--create-units', 'create the units the catalog lacks (branches from table 1, mass orgs from table 2)')
    .option('--committee <id>', "the plan's committee (default: the catalog's only party committee)")
    .option('--min-total <n>', 'minimum admissions for the commune')
    .option('--min-rural <n>', 'minimum admissions in rural branches')
    .option('--min-agency <n>', 'minimum admissions in agency branches')
    .action(async (file: string, options: ImportOptions) => {
      const year = Number(options.year);
      if (!/^\d{4}$/.test(options.year) || !isPlanYear(year))
        throw new UsageError(
          `--year must be a year ${PLAN_YEAR_MIN}-${PLAN_YEAR_MAX} (got ${JSON.stringify(options.year)})`,
        );
      if (options.committee !== undefined && !isUnitId(options.committee))
        throw new UsageError(`--committee must be a unit id (got ${JSON.stringify(options.committee)})`);
      const minimums = {
        total: count('--min-total', options.minTotal),
        rural: count('--min-rural', options.minRural),
        agency: count('--min-agency', options.minAgency),
      };
      const given = Object.fromEntries(Object.entries(minimums).filter(([, value]) => value !== undefined));
      const submission: PlanSubmission = {
        format: 'tsv',
        text: await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new Error(`cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
        }),
        createUnits: options.createUnits === true,
        ...(options.committee ? { committeeId: options.committee } : {}),
        ...(Object.keys(given).length > 0 ? { minimums: given } : {}),
      };
      const app = await NestFactory.createApplicationContext(CliModule.forRoot({ ...loadConfig(), worker: false }), {
        logger: ['error'],
      });
      try {
        const plan = await app
          .get(CommandBus)
          .execute(new AdoptPlanCommand(year, submission, { actor: CLI_ACTOR, correlationId: randomUUID() }));
        const tables = new Set(plan.units.map((unit) => unit.table)).size;
        out(`plan ${plan.year} adopted (version ${plan.version}): ${plan.units.length} units in ${tables} tables`);
        for (const warning of plan.warnings) out(`warning: ${warning}`);
      } finally {
        await app.close();
      }
    });
}
