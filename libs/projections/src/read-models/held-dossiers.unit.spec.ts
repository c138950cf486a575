import { WrittenDossiers } from './held-dossiers';

const stream = (n: number) => `dossier-${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;

describe('WrittenDossiers', () => {
  it('knows every dossier added, and takes few others for written', () => {
    const written = new WrittenDossiers();
    for (let n = 0; n < 10_000; n += 2) written.add(stream(n));
    const found = [0, 0];
    for (let n = 0; n < 10_000; n += 1) if (written.has(stream(n))) found[n % 2] += 1;
    const [added, others] = found;
    expect(added).toBe(5_000);
    expect(others).toBeLessThan(2);
  });
});
