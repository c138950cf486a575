import { Global, Module } from '@nestjs/common';
import { AccessLog, ProjectionDatabase, accessLogProjection } from '@ketnap/projections';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AccessLogReader } from './access-log.reader';
import { PersonalDataReads } from './personal-data-reads';

/**
 * The access log of personal-data reads (DESIGN.md §9): the recorder the routes that serve personal
 * data call, its read model (run by the read models' host) and the query behind `GET /audit/access`.
 */
@Global()
@Module({
  imports: [ReadModelsModule.forFeature(() => [accessLogProjection()])],
  providers: [
    PersonalDataReads,
    { provide: AccessLog, inject: [ProjectionDatabase], useFactory: (pdb: ProjectionDatabase) => new AccessLog(pdb) },
    AccessLogReader,
  ],
  exports: [PersonalDataReads, AccessLogReader],
})
export class AccessLogModule {}
