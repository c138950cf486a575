import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, comments dropped and continued lines joined, grouped by stage. */
function stagesOf(dockerfile: string): Instruction[][] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim());
  const stages: Instruction[][] = [];
  for (const line of lines.filter((l) => l !== '' && !l.startsWith('#'))) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) as RegExpExecArray;
    if (keyword.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

// No Docker engine runs here: read the image's recipe instead of running it (the final stage is what ships).
describe('Dockerfile', () => {
  const stage = stagesOf(readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8')).at(-1) as Instruction[];
  const index = (keyword: string) => stage.map((i) => i.keyword).lastIndexOf(keyword);
  const user = stage[index('USER')]?.args.split(':')[0];
  const dataDir = /KETNAP_DATA_DIR=(\S+)/.exec(
    stage
      .filter((i) => i.keyword === 'ENV')
      .map((i) => i.args)
      .join(' '),
  )?.[1];

  it('runs the app as a user other than root', () => {
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    expect(index('USER')).toBeLessThan(index('CMD'));
  });

  it('creates the data dir owned by that user with mode 0700, before declaring it a volume', () => {
    expect(dataDir).toBe('/var/lib/ketnap');
    expect(stage[index('VOLUME')].args).toContain(dataDir);
    const setup = stage
      .slice(0, index('VOLUME'))
      .filter((i) => i.keyword === 'RUN')
      .map((i) => i.args)
      .join(' && ');
    const dir = (dataDir as string).replace(/[/]/g, '\\/');
    expect(setup).toMatch(new RegExp(`mkdir -p ${dir}\\b`));
    expect(setup).toMatch(new RegExp(`chown ${user}(:\\S+)? ${dir}\\b`));
    expect(setup).toMatch(new RegExp(`chmod 0?700 ${dir}\\b`));
  });
});
