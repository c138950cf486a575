// Lints source texts as if they stood at the given paths, with the repository's ESLint config.
// Input on stdin: [{ filePath, code }]; output on stdout: [[ "ruleId: message", ... ], ...].
// (A separate process because ESLint loads its flat config with a dynamic import Jest cannot run.)
// The type-aware rules need files the TypeScript project can see, so each text is written beside the
// path it stands for, under a name of its own, and removed after.
import { ESLint } from 'eslint';
import { rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const files = cases.map(({ filePath }, i) =>
  join(root, dirname(filePath), `lint-case-${process.pid}-${i}-${basename(filePath)}`),
);
try {
  cases.forEach(({ code }, i) => writeFileSync(files[i], code));
  const results = await new ESLint({ cwd: root }).lintFiles(files);
  const byFile = new Map(results.map((r) => [r.filePath, r]));
  const out = files.map((file) =>
    byFile
      .get(file)
      .messages.filter((m) => m.severity === 2)
      .map((m) => `${m.ruleId}: ${m.message}`),
  );
  process.stdout.write(JSON.stringify(out));
} finally {
  for (const file of files) rmSync(file, { force: true });
}
