/**
 * What bin/chatproof.js checks before it loads the CLI: the Node.js version. Older Node majors
 * cannot run chatproof (better-sqlite3 13's binding crashes Node 20 with a segmentation fault on
 * the first write), so an old Node gets a refusal in the user's language with the command that
 * fixes it, exit 4, and nothing read or written. bin/bundle.js builds this file on its own, for an
 * old target, so that the Node it refuses can still parse it: it imports only its own texts.
 */
import { environmentEn } from '../i18n/en/environment.js';
import { environmentJa } from '../i18n/ja/environment.js';
import { langFlagIn, resolveLang, type Lang } from '../i18n/lang.js';

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
  const lang = resolveLang(langFlagIn(argv), env);
  const texts = lang === 'ja' ? environmentJa : environmentEn;
  const command = installCommand(platform, env);
  return {
    code: 'environment.node-unsupported',
    lang,
    message: texts['environment.node-unsupported']({ version: nodeVersion.startsWith('v') ? nodeVersion : 'v' + nodeVersion, min: MIN_NODE_MAJOR }),
    hint: command ? texts['environment.node-unsupported.hint']({ command }) : texts['environment.node-unsupported.hint-installer'],
  };
}

/** The one command that installs the Node.js LTS here, where there is one everybody has. */
function installCommand(platform: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env['NVM_DIR']) return 'nvm install --lts';
  if (platform === 'win32') return 'winget install OpenJS.NodeJS.LTS';
  if (platform === 'darwin' && env['HOMEBREW_PREFIX']) return 'brew install node';
  return undefined;
}

/** The refusal as the CLI prints an error: a line and its hint on stderr, and under --json the error document on stdout. */
export function renderRefusal(r: Refusal, json: boolean): { stdout: string; stderr: string } {
  const human = `chatproof: ${r.message}\n  → ${r.hint}\n`;
  if (!json) return { stdout: '', stderr: human };
  // docs/schema/error.schema.json; exit 4 is the archive's and the environment's kind.
  const doc = { version: 1, error: { code: r.code, kind: 'archive', exitCode: 4, message: r.message, hint: r.hint, where: null } };
  return { stdout: JSON.stringify(doc, null, 2) + '\n', stderr: human };
}
