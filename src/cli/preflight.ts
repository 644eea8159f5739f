/**
 * What bin/chatproof.js checks before it loads the CLI: the Node.js version. Older Node majors
 * cannot run chatproof (better-sqlite3 13's binding crashes Node 20 with a segmentation fault on
 * the first write), so an old Node gets a refusal in the user's language with the command that
 * fixes it, exit 4, and nothing read or written. bin/bundle.js builds this file on its own, for an
 * old target, so that the Node it refuses can still parse it: it must import nothing heavy.
 */
import { terminalLang, type Lang } from './lang.js';

/** The oldest Node.js major chatproof runs on (package.json "engines"). */
export const MIN_NODE_MAJOR = 22;

export interface Refusal {
  readonly code: 'environment.node-unsupported';
  readonly message: string;
  readonly hint: string;
  readonly lang: Lang;
}

/** The refusal for this Node.js, or undefined when it is new enough. */
export function nodeRefusal(nodeVersion: string, argv: readonly string[], env: NodeJS.ProcessEnv, platform: string): Refusal | undefined {
  const major = Number(/^v?(\d+)\./.exec(nodeVersion)?.[1] ?? 'NaN');
  if (major >= MIN_NODE_MAJOR) return undefined;
  const lang = langFromArgv(argv) ?? terminalLang(env);
  const fix = installCommand(platform, env);
  const shown = nodeVersion.startsWith('v') ? nodeVersion : 'v' + nodeVersion;
  if (lang === 'ja') {
    return {
      code: 'environment.node-unsupported',
      lang,
      message: `この Node.js（${shown}）では動きません。chatproof には Node.js ${MIN_NODE_MAJOR} 以上が必要です。何も読み書きせずに止めました。`,
      hint: fix
        ? `Node.js の LTS（推奨版）を入れてから、もう一度実行してください: ${fix}`
        : 'https://nodejs.org/ja から Node.js の LTS（推奨版）のインストーラーを入れて、もう一度実行してください。',
    };
  }
  return {
    code: 'environment.node-unsupported',
    lang,
    message: `Node.js ${shown} is too old: chatproof needs Node.js ${MIN_NODE_MAJOR} or newer. Nothing was read or written.`,
    hint: fix ? `Install the Node.js LTS, then run the command again: ${fix}` : 'Install the Node.js LTS with the installer from https://nodejs.org, then run the command again.',
  };
}

/** The one command that installs the Node.js LTS here, where there is one everybody has. */
function installCommand(platform: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env['NVM_DIR']) return 'nvm install --lts';
  if (platform === 'win32') return 'winget install OpenJS.NodeJS.LTS';
  if (platform === 'darwin' && env['HOMEBREW_PREFIX']) return 'brew install node';
  return undefined;
}

/** `--lang ja` / `--lang=en` anywhere on the command line, as the CLI itself would read it. */
function langFromArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === '--lang' ? argv[i + 1] : a?.startsWith('--lang=') ? a.slice('--lang='.length) : undefined;
    if (value === 'ja' || value === 'en') return value;
  }
  return undefined;
}

/** The refusal as the CLI prints an error: a line and its hint on stderr, or a JSON document under --json. */
export function renderRefusal(r: Refusal, json: boolean): { stdout: string; stderr: string } {
  const human = `chatproof: ${r.message}\n  → ${r.hint}\n`;
  if (!json) return { stdout: '', stderr: human };
  const doc = { version: 1, error: { code: r.code, exitCode: 4, message: r.message, hint: r.hint, where: null } };
  return { stdout: JSON.stringify(doc, null, 2) + '\n', stderr: human };
}
