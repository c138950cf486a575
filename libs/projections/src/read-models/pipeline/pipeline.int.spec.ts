import type { DossierCommand } from '@ketnap/domain';
import { MAIN_LINE, command, history } from '@ketnap/domain/testing';
import { describeWithService } from '../../../../../test/support/services';
import { envelopesOf, projectionInMemory } from '../../testing/read-model-testing';
import { pipelineProjection } from './pipeline.projection';
import { pipelineCounts } from './pipeline.query';

const steps = (n: number, branchId: string) =>
  MAIN_LINE.slice(0, n).map(
    (t) => (t === 'NominateCandidate' ? command(t, { branchId }) : command(t)) as DossierCommand,
  );

function pipelineReadModelSpecs(postgresUrl?: string): void {
  it('counts dossiers per branch and stage, moving finished probation to recognition-review by date', async () => {
    const model = await projectionInMemory(pipelineProjection(), { postgresUrl });
    let position = 0;
    const record = async (id: string, commands: DossierCommand[]) => {
      const events = envelopesOf(`dossier-${id}`, history(commands).events, { position, version: 0 });
      position += events.length;
      await model.apply(events);
    };
    await record('a', steps(1, 'b1'));
    await record('b', steps(3, 'b1'));
    await record('c', steps(11, 'b1'));
    await record('d', steps(8, 'b2'));
    await record('e', [
      ...steps(3, 'b2'),
      { type: 'CorrectStep', data: { eventId: 'e1', changes: { branchId: 'b1' }, reason: 'nhầm chi bộ' } },
    ]);
    const before = await pipelineCounts(model.pdb, '2025-06-10');
    expect(before.map((b) => [b.branchId, b.inProgress])).toEqual([
      ['b1', 4],
      ['b2', 1],
    ]);
    expect(before[0].stages).toMatchObject({
      nominated: 1,
      'in-preparation': 2,
      probation: 1,
      'recognition-review': 0,
    });
    expect(before[1].stages).toMatchObject({ proposed: 1 });
    const after = await pipelineCounts(model.pdb, '2025-06-11');
    expect(after[0].stages).toMatchObject({ probation: 0, 'recognition-review': 1 });
    await model.drop();
  });
}

describe('pipeline read model on SQLite', () => pipelineReadModelSpecs());

describeWithService('postgres', 'pipeline read model on PostgreSQL', (url) => pipelineReadModelSpecs(url));
