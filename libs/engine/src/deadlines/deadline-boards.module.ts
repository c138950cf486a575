import { Global, Module } from '@nestjs/common';
import type { WorkingDayCalendar } from '@ketnap/domain';
import type { ColumnCipher } from '@ketnap/event-store';
import {
  DeadlinesBoard,
  InspectionCasesBoard,
  ProjectionDatabase,
  deadlinesProjection,
  inspectionCasesProjection,
} from '@ketnap/projections';
import { CALENDAR } from '../calendar/calendar.provider';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { RULES, versionedWithRules, type LoadedRuleSets } from '../rules/rule-sets.provider';
import { INSPECTION_CASES_BOARD } from '../inspection/inspection.tokens';
import { ReadModelsHost } from '../read-models/read-models.host';
import { ReadModelsModule } from '../read-models/read-models.module';
import { OVERDUE_DOSSIERS, PERSONAL_COLUMNS, type OverdueDossiers } from '../read-models/read-models.tokens';
import { DEADLINES_BOARD, READ_MODELS_SYNC } from './deadlines.tokens';

/**
 * The deadlines board and the inspection cases as read models of the host (`ReadModelsModule`), and
 * the bindings that read them: the boards, `GET /dossiers?overdue=true`, and the wait for the host.
 */
@Global()
@Module({
  imports: [
    ReadModelsModule.forFeature(
      (calendar: WorkingDayCalendar, config: KetnapConfig, rules: LoadedRuleSets, cipher: ColumnCipher) => [
        versionedWithRules(
          deadlinesProjection({ calendar, reminderDays: config.reminderDays, ruleSets: rules.sets }),
          rules,
        ),
        inspectionCasesProjection(cipher),
      ],
      [CALENDAR, KETNAP_CONFIG, RULES, PERSONAL_COLUMNS],
    ),
  ],
  providers: [
    {
      provide: DEADLINES_BOARD,
      inject: [ProjectionDatabase, CALENDAR],
      useFactory: (pdb: ProjectionDatabase, calendar: WorkingDayCalendar) => new DeadlinesBoard(pdb, calendar),
    },
    {
      provide: INSPECTION_CASES_BOARD,
      inject: [ProjectionDatabase, PERSONAL_COLUMNS],
      useFactory: (pdb: ProjectionDatabase, cipher: ColumnCipher) => new InspectionCasesBoard(pdb, cipher),
    },
    {
      provide: OVERDUE_DOSSIERS,
      inject: [DEADLINES_BOARD],
      useFactory: (board: DeadlinesBoard): OverdueDossiers => ({
        overdueDossierIds: (today) => board.overdueDossierIds(today),
      }),
    },
    { provide: READ_MODELS_SYNC, useExisting: ReadModelsHost },
  ],
  exports: [DEADLINES_BOARD, INSPECTION_CASES_BOARD, OVERDUE_DOSSIERS, READ_MODELS_SYNC],
})
export class DeadlineBoardsModule {}
