import { join } from 'node:path';
import {
  Global,
  Module,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
  type DynamicModule,
} from '@nestjs/common';
import type { WorkingDayCalendar } from '@ketnap/domain';
import { EVENT_STORE, type ColumnCipher, type EventStore } from '@ketnap/event-store';
import { PERSONAL_KEYRING, type PersonalKeys } from '../personal/personal-keys';
import { readModelsCipher } from '../read-models/read-models.module';
import {
  DeadlinesBoard,
  InspectionCasesBoard,
  ProjectionDatabase,
  ProjectionRunner,
  deadlinesProjection,
  inspectionCasesProjection,
} from '@ketnap/projections';
import { CALENDAR } from '../calendar/calendar.provider';
import { RULES, type LoadedRuleSets } from '../rules/rule-sets.provider';
import type { KetnapConfig } from '../config/config';
import { INSPECTION_CASES_BOARD } from '../inspection/inspection.tokens';
import { DEADLINES_BOARD, READ_MODELS_SYNC, type ReadModelsSync } from '../deadlines/deadlines.tokens';

/** Runs the deadlines and inspection-cases projections alone, for tests of the saga without the whole read-models host. */
class TestReadModels implements ReadModelsSync, OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly runners: ProjectionRunner[];

  constructor(
    readonly pdb: ProjectionDatabase,
    store: EventStore,
    calendar: WorkingDayCalendar,
    config: KetnapConfig,
    rules: LoadedRuleSets,
    readonly cipher: ColumnCipher,
  ) {
    const projections = [
      deadlinesProjection({ calendar, reminderDays: config.reminderDays, ruleSets: rules.sets }),
      inspectionCasesProjection(cipher),
    ];
    this.runners = projections.map((p) => new ProjectionRunner(store, pdb, p, { pollIntervalMs: 20 }));
  }

  async caughtUp(position?: number): Promise<void> {
    await Promise.all(this.runners.map((r) => r.caughtUp(position)));
  }

  onApplicationBootstrap(): void {
    for (const r of this.runners) r.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.stop()));
    await this.pdb.close();
  }
}

/** The read-model bindings the deadline modules need, backed by {@link TestReadModels}. */
@Global()
@Module({})
export class TestDeadlineReadModelsModule {
  static forRoot(config: KetnapConfig): DynamicModule {
    return {
      module: TestDeadlineReadModelsModule,
      providers: [
        {
          provide: TestReadModels,
          inject: [EVENT_STORE, CALENDAR, RULES, PERSONAL_KEYRING],
          useFactory: async (
            store: EventStore,
            calendar: WorkingDayCalendar,
            rules: LoadedRuleSets,
            keys: PersonalKeys,
          ) =>
            new TestReadModels(
              await ProjectionDatabase.openSqlite(
                config.eventStore === 'memory' ? ':memory:' : join(config.dataDir, 'projections.db'),
              ),
              store,
              calendar,
              config,
              rules,
              await readModelsCipher(keys.keyring),
            ),
        },
        { provide: READ_MODELS_SYNC, useExisting: TestReadModels },
        {
          provide: DEADLINES_BOARD,
          inject: [TestReadModels, CALENDAR],
          useFactory: (rm: TestReadModels, calendar: WorkingDayCalendar) => new DeadlinesBoard(rm.pdb, calendar),
        },
        {
          provide: INSPECTION_CASES_BOARD,
          inject: [TestReadModels],
          useFactory: (rm: TestReadModels) => new InspectionCasesBoard(rm.pdb, rm.cipher),
        },
      ],
      exports: [READ_MODELS_SYNC, DEADLINES_BOARD, INSPECTION_CASES_BOARD],
    };
  }
}
