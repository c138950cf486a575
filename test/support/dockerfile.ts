import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  keyword: string;
  args: string;
}

/** One build stage: its `FROM` (the base and the `AS` name, when any) and the instructions after it. */
export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** The Dockerfile's instructions, comments dropped and continued lines joined, grouped by stage. */
export function stagesOf(dockerfile: string): Stage[] {
  const lines = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim());
  const stages: Stage[] = [];
  for (const line of lines.filter((l) => l !== '' && !l.startsWith('#'))) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) as RegExpExecArray;
    if (keyword.toUpperCase() === 'FROM') {
      const [from, as, name] = args.split(/\s+/);
      stages.push({ from, ...(as?.toUpperCase() === 'AS' && { name }), instructions: [] });
    }
    stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

/** The repository's Dockerfile, by stage; the last one is what ships. */
export const repositoryStages = (): Stage[] =>
  stagesOf(readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8'));

/** An exec-form argument list (`["node", "x.js"]`) as an array. */
export const execForm = (args: string): string[] => JSON.parse(args) as string[];
