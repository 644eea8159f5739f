#!/usr/bin/env node
// npm links the bins of dependencies into node_modules/.bin, never the project's own. After
// `npm ci` in a checkout, `node_modules/.bin/chatproof` should work too (issue 2), so `prepare`
// links it here. Installed as a package (npm i -g), npm links the bin itself and this does nothing.
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const binDir = join(root, 'node_modules', '.bin');
if (existsSync(join(root, 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  const link = join(binDir, 'chatproof');
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, join(root, 'bin', 'chatproof.js')), link);
}
