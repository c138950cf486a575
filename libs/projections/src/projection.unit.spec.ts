import { splitByCost, type Projection } from './projection';

const projection = (name: string, cost?: number): Projection => ({
  name,
  version: 1,
  ...(cost !== undefined && { cost }),
  create: async () => undefined,
  apply: async () => undefined,
});

const names = (group: Projection[]) => group.map((p) => p.name);

describe('splitByCost', () => {
  it('puts the costliest first, each in the group with less so far, the lighter group second', () => {
    const [first, second] = splitByCost([
      projection('dossier-list', 6),
      projection('quota', 3),
      projection('pipeline', 2),
      projection('admissions', 8),
      projection('deadlines', 9),
      projection('inspection-cases'),
      projection('users'),
      projection('access-log'),
    ]);
    expect(names(first)).toEqual(['deadlines', 'quota', 'pipeline', 'inspection-cases', 'access-log']);
    expect(names(second)).toEqual(['admissions', 'dossier-list', 'users']);
  });

  it('leaves the second group empty for one read model', () => {
    expect(splitByCost([projection('deadlines', 9)]).map(names)).toEqual([['deadlines'], []]);
  });
});
