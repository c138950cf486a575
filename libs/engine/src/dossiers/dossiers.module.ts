import { Module } from '@nestjs/common';
import {
  GetDossierHandler,
  GetDossierHistoryHandler,
  NominateCandidateHandler,
  RecordDossierStepHandler,
  VerifyAuditHandler,
} from './dossier.handlers';
import { ErasePersonalDataHandler, ExportPersonalDataHandler } from './personal-data.handlers';

/** Dossier commands and queries, dispatched through `@nestjs/cqrs` (DossierService comes from EngineModule). */
@Module({
  providers: [
    NominateCandidateHandler,
    RecordDossierStepHandler,
    GetDossierHandler,
    GetDossierHistoryHandler,
    VerifyAuditHandler,
    ErasePersonalDataHandler,
    ExportPersonalDataHandler,
  ],
})
export class DossiersModule {}
