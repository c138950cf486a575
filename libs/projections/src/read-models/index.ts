import type { RuleSet } from '@ketnap/domain';
import type { ColumnCipher } from '@ketnap/event-store';
import type { Projection } from '../projection';
import { admissionsProjection } from './admissions/admissions.projection';
import { dossierListProjection } from './dossier-list/dossier-list.projection';
import { pipelineProjection } from './pipeline/pipeline.projection';
import { quotaProjection } from './quota/quota.projection';

export * from './dossier-list/dossier-list.projection';
export * from './dossier-list/dossier-list.query';
export * from './pipeline/pipeline.projection';
export * from './pipeline/pipeline.query';
export * from './admissions/admissions.projection';
export * from './admissions/admissions-report';
export * from './quota/quota.projection';
export * from './quota/quota-report';
export * from './quota/quota-roll-up';
export * from './quota/quota.query';
export * from './quota/quota-csv';
export * from './quota/quota-xlsx';
export * from './pipeline/pipeline-xlsx';
export * from './admissions/admissions-xlsx';
export * from './users/users.projection';
export * from './users/users.query';
export * from './access-log/access-log.projection';
export * from './access-log/access-log.query';

/**
 * The read models of this library: dossier list, quota, pipeline and admissions; `cipher` seals their
 * personal columns; `ruleSets`: the engine's loaded rule sets (default: the built-in ones).
 */
export function coreProjections(cipher: ColumnCipher, ruleSets?: readonly RuleSet[]): Projection[] {
  return [
    dossierListProjection(cipher, {}, ruleSets),
    quotaProjection(),
    pipelineProjection({}, ruleSets),
    admissionsProjection(cipher),
  ];
}
