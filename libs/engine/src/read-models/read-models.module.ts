import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { ColumnCipher, PostgresSql, type Keyring } from '@ketnap/event-store';
import { DOSSIER_LIST, PIPELINE, ProjectionDatabase, coreProjections, type Projection } from '@ketnap/projections';
import { RULES, versionedWithRules, type LoadedRuleSets } from '../rules/rule-sets.provider';
import { KETNAP_CONFIG } from '../config/config.token';
import { DEFAULT_READ_MODEL_CACHE_MIB, type KetnapConfig } from '../config/config';
import { DossierListService } from './dossier-list.service';
import { ReadModelsHost } from './read-models.host';
import { READ_MODELS_SUBJECT, type PersonalKeys } from '../personal/personal-keys';
import { PERSONAL_KEYRING } from '../personal/personal-keys.token';
import { PERSONAL_COLUMNS, PROJECTIONS, READ_MODEL_SCHEMA, projectionsPath } from './read-models.tokens';
import { ReportsService } from './reports.service';

let features = 0;

/** The read models whose rows keep the end of probation, which the rule sets fix. */
const RULE_DEPENDENT = new Set([DOSSIER_LIST, PIPELINE]);

/**
 * The read models (DESIGN.md §6): the projection database (`projections.db`), the projections
 * registered under {@link PROJECTIONS}, the host that runs them, and the services that query
 * them. Global, so feature modules can register projections with {@link ReadModelsModule.forFeature}.
 */
@Global()
@Module({
  providers: [
    {
      provide: ProjectionDatabase,
      inject: [KETNAP_CONFIG],
      useFactory: (config: KetnapConfig) => openProjectionDatabase(config),
    },
    {
      provide: PERSONAL_COLUMNS,
      inject: [PERSONAL_KEYRING],
      useFactory: (keys: PersonalKeys) => readModelsCipher(keys.keyring),
    },
    {
      provide: PROJECTIONS,
      inject: [RULES, PERSONAL_COLUMNS],
      useFactory: (rules: LoadedRuleSets, cipher: ColumnCipher): Projection[] =>
        coreProjections(cipher, rules.sets).map((p) => (RULE_DEPENDENT.has(p.name) ? versionedWithRules(p, rules) : p)),
    },
    ReadModelsHost,
    ReportsService,
    DossierListService,
  ],
  exports: [ProjectionDatabase, PROJECTIONS, PERSONAL_COLUMNS, ReadModelsHost, ReportsService, DossierListService],
})
export class ReadModelsModule implements OnApplicationShutdown {
  constructor(private readonly pdb: ProjectionDatabase) {}

  /**
   * Adds projections to {@link PROJECTIONS} (a multi-provider): import
   * `ReadModelsModule.forFeature((calendar) => [myProjection(calendar)], [CALENDAR])` in the module
   * that owns them. The factory gets the `inject` tokens: global providers (config, clock, calendar)
   * or providers exported by `imports`.
   */
  static forFeature(
    factory: (...deps: never[]) => Projection[],
    inject: unknown[] = [],
    imports: DynamicModule['imports'] = [],
  ): DynamicModule {
    const token = Symbol(`PROJECTIONS#${(features += 1)}`);
    return {
      module: class ReadModelsFeature {},
      imports,
      providers: [
        {
          provide: token,
          inject: [PROJECTIONS, ...(inject as never[])],
          useFactory: (all: Projection[], ...deps: never[]) => {
            const added = factory(...deps);
            all.push(...added);
            return added;
          },
        },
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pdb.close();
  }
}

/**
 * The cipher of the read models' personal columns, from the keyring's key of the read models (made on
 * first use). That key is never erased: an erasure purges a dossier's columns instead.
 */
export async function readModelsCipher(keyring: Pick<Keyring, 'keyFor'>): Promise<ColumnCipher> {
  const key = await keyring.keyFor(READ_MODELS_SUBJECT);
  if (key === null)
    throw new Error(
      `the key of the read models (${READ_MODELS_SUBJECT}) was destroyed: their personal columns cannot be read`,
    );
  return new ColumnCipher(key);
}

/**
 * The read models live beside the event store (DESIGN.md §6): in the `ketnap_read` schema of
 * `DATABASE_URL` when the store is PostgreSQL, else in `projections.db` (in memory with the memory store).
 */
export async function openProjectionDatabase(
  config: Pick<KetnapConfig, 'eventStore' | 'databaseUrl' | 'dataDir'> &
    Partial<Pick<KetnapConfig, 'readModelCacheMiB'>>,
  schema = READ_MODEL_SCHEMA,
): Promise<ProjectionDatabase> {
  if (config.eventStore !== 'postgres') {
    const cacheMiB = config.readModelCacheMiB ?? DEFAULT_READ_MODEL_CACHE_MIB;
    return ProjectionDatabase.openSqlite(projectionsPath(config), { cacheKiB: cacheMiB * 1024 });
  }
  return ProjectionDatabase.open(await PostgresSql.open({ url: config.databaseUrl!, schema }));
}
