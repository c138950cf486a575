import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  DOSSIER_LIST,
  PIPELINE,
  ProjectionDatabase,
  coreProjections,
  type SqliteProjection,
} from '@ketnap/projections';
import { RULES, versionedWithRules, type LoadedRuleSets } from '../rules/rule-sets.provider';
import { KETNAP_CONFIG } from '../config/config.token';
import type { KetnapConfig } from '../config/config';
import { DossierListService } from './dossier-list.service';
import { ReadModelsHost } from './read-models.host';
import { SQLITE_PROJECTIONS, projectionsPath } from './read-models.tokens';
import { ReportsService } from './reports.service';

let features = 0;

/** The read models whose rows keep the end of probation, which the rule sets fix. */
const RULE_DEPENDENT = new Set([DOSSIER_LIST, PIPELINE]);

/**
 * The read models (DESIGN.md §6): the projection database (`projections.db`), the projections
 * registered under {@link SQLITE_PROJECTIONS}, the host that runs them, and the services that query
 * them. Global, so feature modules can register projections with {@link ReadModelsModule.forFeature}.
 */
@Global()
@Module({
  providers: [
    {
      provide: ProjectionDatabase,
      inject: [KETNAP_CONFIG],
      useFactory: (config: KetnapConfig) => new ProjectionDatabase(projectionsPath(config)),
    },
    {
      provide: SQLITE_PROJECTIONS,
      inject: [RULES],
      useFactory: (rules: LoadedRuleSets): SqliteProjection[] =>
        coreProjections(rules.sets).map((p) => (RULE_DEPENDENT.has(p.name) ? versionedWithRules(p, rules) : p)),
    },
    ReadModelsHost,
    ReportsService,
    DossierListService,
  ],
  exports: [ProjectionDatabase, SQLITE_PROJECTIONS, ReadModelsHost, ReportsService, DossierListService],
})
export class ReadModelsModule implements OnApplicationShutdown {
  constructor(private readonly pdb: ProjectionDatabase) {}

  /**
   * Adds projections to {@link SQLITE_PROJECTIONS} (a multi-provider): import
   * `ReadModelsModule.forFeature((calendar) => [myProjection(calendar)], [CALENDAR])` in the module
   * that owns them. The factory gets the `inject` tokens: global providers (config, clock, calendar)
   * or providers exported by `imports`.
   */
  static forFeature(
    factory: (...deps: never[]) => SqliteProjection[],
    inject: unknown[] = [],
    imports: DynamicModule['imports'] = [],
  ): DynamicModule {
    const token = Symbol(`SQLITE_PROJECTIONS#${(features += 1)}`);
    return {
      module: class ReadModelsFeature {},
      imports,
      providers: [
        {
          provide: token,
          inject: [SQLITE_PROJECTIONS, ...(inject as never[])],
          useFactory: (all: SqliteProjection[], ...deps: never[]) => {
            const added = factory(...deps);
            all.push(...added);
            return added;
          },
        },
      ],
    };
  }

  onApplicationShutdown(): void {
    this.pdb.close();
  }
}
