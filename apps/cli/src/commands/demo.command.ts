import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import { legalDateOf, type OrgUnit } from '@ketnap/domain';
import { EVENT_STORE, type EventStore } from '@ketnap/event-store';
import {
  AdoptPlanCommand,
  CLOCK,
  DossierService,
  GetPlanQuery,
  ListUnitsQuery,
  RecordUnitCommand,
  projectFolder,
  readDemoClock,
  writeDemoClock,
  type Clock,
} from '@ketnap/engine';
import { CliModule } from '../cli.module';
import { UsageError } from '../cli-errors';
import { say } from '../cli-text';
import { demoDossiers, lastDateOf } from '../demo/demo-year';
import { recordScript } from '../demo/dossier-script';
import {
  HIGHER_COMMITTEE,
  SECOND_COMMITTEE,
  SECOND_EXTRAS,
  SECOND_PLAN,
  SECOND_SEED,
  SECOND_UNITS,
} from '../demo/second-commune';
import { cliConfig } from '../cli-config';

const ACTOR = { sub: 'demo', role: 'office', unitIds: ['dang-uy-xa-dong-tien'] };
const COMMITTEE: OrgUnit = {
  unitId: 'dang-uy-xa-dong-tien',
  parentId: HIGHER_COMMITTEE.unitId,
  name: 'Đảng ủy xã Đồng Tiến',
  kind: 'party-committee',
  committeeMembers: 15,
};
const YEAR = 2024;
/**
 * What the demo's clock shows, on its data dir: the end of its synthetic year (its last step is on
 * 22/01/2025; the last working day before Tết 2025), so its deadlines and reports are what an office
 * saw then, not as judged today.
 */
const DEMO_NOW = '2025-01-24T17:00:00+07:00';
/** Where the seed plan is looked for, from ketnap's folder, when --plan is not given. */
const SEED_PLACES = ['../shared/data/plan-2024-dong-tien.tsv', 'test/fixtures/plan-2024-dong-tien.tsv'];

function seedPlan(given: string | undefined): string {
  const found =
    given === undefined ? SEED_PLACES.map((p) => resolve(projectFolder(), p)).find(existsSync) : resolve(given);
  if (!found || !existsSync(found))
    throw new UsageError(say('cli.demo.seedNotFound', { places: given ?? SEED_PLACES.join(' | ') }));
  return found;
}

/**
 * `ketnap demo [--plan FILE]`: loads the seed plan of the Đồng Tiến commune for 2024 with its units
 * (villages rural; the schools, the clinic and the militia agency; official members per branch) and a
 * year of synthetic dossiers, some of them late, so the reports have something to show. Deterministic,
 * and idempotent: every write carries an idempotency key, so a second run appends nothing. It runs on
 * a manual clock at the end of its synthetic year, and records that clock in the data dir, so that the
 * server started there runs on it too (`loadConfig`); it refuses a data dir holding other data.
 */
export function registerDemo(program: Command, out: (line: string) => void): void {
  program
    .command('demo')
    .description('load the seed plan of 2024 and a year of synthetic dossiers')
    .option('--plan <file>', 'the published plan table (default: ../shared/data/plan-2024-dong-tien.tsv)')
    .action(async (options: { plan?: string }) => {
      const text = await readFile(seedPlan(options.plan), 'utf8');
      const loaded = cliConfig();
      if (loaded.eventStore === 'memory')
        throw new UsageError(say('cli.memoryStore', { instead: 'KETNAP_EVENT_STORE=sqlite' }));
      const recorded = readDemoClock(loaded.dataDir);
      const clock = recorded ?? { year: YEAR, now: DEMO_NOW };
      const config = { ...loaded, worker: false, clock: 'manual' as const, startAt: new Date(clock.now) };
      const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: ['error'] });
      try {
        const store = app.get<EventStore>(EVENT_STORE);
        const head = await store.headPosition();
        if (head > 0 && !recorded) throw new Error(say('cli.demo.notDemoData', { dataDir: config.dataDir }));
        mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
        writeDemoClock(config.dataDir, clock);
        const commands = app.get(CommandBus);
        // The units and the plan are the admin's to record, which the office stands in for here.
        const context = (key: string) => ({
          actor: { ...ACTOR, role: 'admin' },
          correlationId: `demo-${key}`,
          idempotencyKey: `demo-${YEAR}-${key}`,
        });
        await commands.execute(new RecordUnitCommand(HIGHER_COMMITTEE, context('higher-committee')));
        await commands.execute(new RecordUnitCommand(COMMITTEE, context('committee')));
        const submission = {
          format: 'tsv' as const,
          text,
          createUnits: true,
          committeeId: COMMITTEE.unitId,
          minimums: { total: 6, rural: 3, agency: 3 },
        };
        const plan =
          (await app.get(QueryBus).execute(new GetPlanQuery(YEAR, COMMITTEE.unitId))) ??
          (await commands.execute(new AdoptPlanCommand(YEAR, submission, context('plan'))));
        const units = await app.get(QueryBus).execute(new ListUnitsQuery());
        for (const unit of units.filter((u) => u.kind === 'branch' && u.parentId === COMMITTEE.unitId)) {
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
        // The second commune, after the first one's plan (which keeps the year's stream `plan-2024`):
        // its units, and its plan on its own route, as `PUT /committees/{committeeId}/plans/{year}`.
        for (const unit of [SECOND_COMMITTEE, ...SECOND_UNITS])
          await commands.execute(new RecordUnitCommand(unit, context(`unit-${unit.unitId}`)));
        const secondPlan =
          (await app.get(QueryBus).execute(new GetPlanQuery(YEAR, SECOND_COMMITTEE.unitId))) ??
          (await commands.execute(
            new AdoptPlanCommand(
              YEAR,
              { format: 'json', input: SECOND_PLAN },
              context('plan-hoa-son'),
              SECOND_COMMITTEE.unitId,
            ),
          ));
        const secondDossiers = demoDossiers(secondPlan, SECOND_SEED, SECOND_EXTRAS);
        const today = legalDateOf(app.get<Clock>(CLOCK).now());
        const last = lastDateOf([...dossiers, ...secondDossiers]);
        if (last > today) throw new Error(say('cli.demo.stepsAfterClock', { last, clock: clock.now }));
        const ids = await recordScript(app.get(DossierService), ACTOR, dossiers, `demo-${YEAR}`);
        const secondActor = { ...ACTOR, unitIds: [SECOND_COMMITTEE.unitId] };
        const secondIds = await recordScript(
          app.get(DossierService),
          secondActor,
          secondDossiers,
          `demo-${YEAR}-${SECOND_COMMITTEE.unitId}`,
        );
        const count = (test: (d: (typeof dossiers)[number]) => boolean) => dossiers.filter(test).length;
        const summary = {
          dataDir: config.dataDir,
          year: String(YEAR),
          version: plan.version,
          units: plan.units.length,
          dossiers: ids.length,
        };
        if ((await store.headPosition()) === head && head > 0) {
          out(say('cli.demo.already', summary));
        } else {
          out(say('cli.demo.loaded', summary));
          out(
            say('cli.demo.second', {
              name: SECOND_COMMITTEE.name,
              units: secondPlan.units.length,
              dossiers: secondIds.length,
              higher: HIGHER_COMMITTEE.name,
            }),
          );
          out(
            say('cli.demo.counts', {
              year: String(YEAR),
              admitted: count(
                (d) =>
                  d.then?.until === 'decision' &&
                  d.then.outcome === 'admitted' &&
                  d.then.decidedOn.startsWith(`${YEAR}`),
              ),
              refused: count((d) => d.then?.until === 'decision' && d.then.outcome === 'refused'),
              withdrawn: count((d) => d.then?.until === 'withdrawn'),
              inProgress: count((d) => d.then?.until !== 'decision' && d.then?.until !== 'withdrawn'),
            }),
          );
        }
        const time = new Date(clock.now).toLocaleTimeString('en-GB', {
          timeZone: 'Asia/Ho_Chi_Minh',
          hour: '2-digit',
          minute: '2-digit',
        });
        out(say('cli.demo.clock', { date: legalDateOf(new Date(clock.now)), time }));
        out(say('cli.demo.next', { year: String(YEAR), committee: HIGHER_COMMITTEE.unitId }));
      } finally {
        await app.close();
      }
    });
}
