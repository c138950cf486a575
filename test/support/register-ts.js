// Lets a child process `require` the project's TypeScript directly (node -r ./test/support/register-ts.js x.ts),
// compiled by swc with the repository's .swcrc (decorator metadata, @ketnap/* paths).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..');
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;
swcrc.jsc.baseUrl = root;
swcrc.sourceMaps = 'inline';

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcrc, filename, swcrc: false });
  module._compile(code, filename);
};
