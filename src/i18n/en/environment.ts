/** English: what the CLI says when this computer cannot run it (an old Node.js, a native module that does not load). */
export const environmentEn = {
  'environment.node-unsupported': (p: { version: string; min: number }) =>
    `Node.js ${p.version} is too old: chatproof needs Node.js ${p.min} or newer. Nothing was read or written.`,
  'environment.node-unsupported.hint': (p: { command: string }) => `Install the Node.js LTS, then run the command again: ${p.command}`,
  'environment.node-unsupported.hint-installer': 'Install the Node.js LTS with the installer from https://nodejs.org, then run the command again.',
  'environment.native-load': (p: { system: string; reason: string }) =>
    `chatproof's SQLite engine (better-sqlite3) could not be loaded on this system (${p.system}): ${p.reason}`,
  'environment.native-load.hint': (p: { command: string }) => `Reinstall chatproof for this Node.js, then run the command again: ${p.command}`,
};
