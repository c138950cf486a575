import { Global, Module } from '@nestjs/common';
import { ProjectionDatabase, UsersDirectory, usersProjection } from '@ketnap/projections';
import { ReadModelsModule } from '../read-models/read-models.module';

/** The users read model (`GET /users`), run by the read models' host, and its queries. */
@Global()
@Module({
  imports: [ReadModelsModule.forFeature(() => [usersProjection()])],
  providers: [
    {
      provide: UsersDirectory,
      inject: [ProjectionDatabase],
      useFactory: (pdb: ProjectionDatabase) => new UsersDirectory(pdb),
    },
  ],
  exports: [UsersDirectory],
})
export class UsersReadModelModule {}
