import { ensureBuilt } from '../reliability/support/cli-process.js';

/**
 * Worker threads and the CLI run as a process load the built code in dist/, which `npm test`
 * builds first; a direct `npx vitest run` after `npm ci` (which builds nothing) gets it here.
 */
export default function setup(): void {
  ensureBuilt();
}
