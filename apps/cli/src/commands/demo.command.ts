import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import { legalDateOf, type OrgUnit } from '@ketnap/domain';
import {
  AdoptPlanCommand,
  CLOCK,
  DossierService,
  GetPlanQuery,
  ListUnitsQuery,
  RecordUnitCommand,
  loadConfig,
  type Clock,
} from '@ketnap/engine';
import { CliModule } from '../cli.module';
import { UsageError } from '../cli-errors';
import { demoDossiers, lastDateOf } from '../demo/demo-year';
import { recordScript } from '../demo/dossier-script';

const ACTOR = { sub: 'demo', role: 'office', unitIds: ['dang-uy-xa-dong-tien'] };
const COMMITTEE: OrgUnit = {
  unitId: 'dang-uy-xa-dong-tien',
  name: 'Đảng ủy xã Đồng Tiến',
  kind: 'party-committee',
  committeeMembers: 15,
};
const YEAR = 2024;
/** Where the seed plan is looked for, from the working directory, when --plan is not given. */
const SEED_PLACES = ['../shared/data/plan-2024-dong-tien.tsv', 'test/fixtures/plan-2024-dong-tien.tsv'];

function seedPlan(given: string | undefined): string {
  const found = given === undefined ? SEED_PLACES.map((p) => resolve(p)).find(existsSync) : resolve(given);
  if (!found || !existsSync(found))
    throw new UsageError(`the seed plan was not found (${given ?? SEED_PLACES.join(' or ')}): pass --plan FILE`);
  return found;
}

/**
 * `ketnap demo [--plan FILE]`: loads the seed plan of the Đồng Tiến commune for 2024 with its units
 * (villages rural; the schools, the clinic and the militia agency; official members per branch) and a
 * year of synthetic dossiers, some of them late, so the reports have something to show. Deterministic,
 * and idempotent: every write carries an idempotency key, so a second run appends nothing.
 */
export function registerDemo(program: Command, out: (line: string) => void): void {
  program
    .command('demo')
    .description('load the seed plan of 2024 and a year of synthetic dossiers')
    .option('--plan <file>', 'the published plan table (default: ../shared/data/plan-2024-dong-tien.tsv)')
    .action(async (options: { plan?: string }) => {
      const text = await readFile(seedPlan(options.plan), 'utf8');
      const app = await NestFactory.createApplicationContext(CliModule.forRoot({ ...loadConfig(), worker: false }), {
        logger: ['error'],
      });
      try {
        const commands = app.get(CommandBus);
        // The units and the plan are the admin's to record, which the office stands in for here.
        const context = (key: string) => ({
          actor: { ...ACTOR, role: 'admin' },
          correlationId: `demo-${key}`,
          idempotencyKey: `demo-${YEAR}-${key}`,
        });
        await commands.execute(new RecordUnitCommand(COMMITTEE, context('committee')));
        const submission = {
          format: 'tsv' as const,
          text,
          createUnits: true,
          committeeId: COMMITTEE.unitId,
          minimums: { total: 6, rural: 3, agency: 3 },
        };
        const plan =
          (await app.get(QueryBus).execute(new GetPlanQuery(YEAR))) ??
          (await commands.execute(new AdoptPlanCommand(YEAR, submission, context('plan'))));
        const units = await app.get(QueryBus).execute(new ListUnitsQuery());
        for (const unit of units.filter((u) => u.kind === 'branch')) {
          const { version: _version, ...recorded } = unit;
          const block = /^(Trường|Y tế|Quân sự)/.test(unit.name) ? 'agency' : 'rural';
          await commands.execute(
            new RecordUnitCommand(
              { ...recorded, block, officialMembers: recorded.officialMembers ?? 9 + (unit.name.length % 12) },
              context(`unit-${unit.unitId}`),
            ),
          );
        }
        const dossiers = demoDossiers(plan);
        const today = legalDateOf(app.get<Clock>(CLOCK).now());
        if (lastDateOf(dossiers) > today)
          throw new Error(
            `the demo's steps run until ${lastDateOf(dossiers)}, after today (${today}); set a later KETNAP_START_AT`,
          );
        const ids = await recordScript(app.get(DossierService), ACTOR, dossiers, `demo-${YEAR}`);
        const count = (test: (d: (typeof dossiers)[number]) => boolean) => dossiers.filter(test).length;
        out(
          `demo loaded into ${loadConfig().dataDir}: plan ${YEAR} (version ${plan.version}, ${plan.units.length} units), ${ids.length} dossiers`,
        );
        out(
          `  admitted in ${YEAR}: ${count((d) => d.then?.until === 'decision' && d.then.outcome === 'admitted' && d.then.decidedOn.startsWith(`${YEAR}`))}, refused: ${count((d) => d.then?.until === 'decision' && d.then.outcome === 'refused')}, withdrawn: ${count((d) => d.then?.until === 'withdrawn')}, still in progress: ${count((d) => d.then?.until !== 'decision' && d.then?.until !== 'withdrawn')}`,
        );
        out(
          '  start the server (npm start), then: ketnap token --sub me --role viewer, and GET /api/v1/reports/quota/2024 (Accept: text/csv for the table)',
        );
      } finally {
        await app.close();
      }
    });
}
