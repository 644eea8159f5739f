import { Command, CommanderError } from 'commander';
import { ChatproofError, describeError } from '../core/errors.js';
import { langFlagIn, resolveLang, type Lang } from '../i18n/lang.js';
import { msg, render } from '../i18n/message.js';
import { packageVersion } from '../paths.js';
import type { Runner } from './command.js';
import { speak } from './commander-lang.js';
import { addGlobalOptions } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { processIo, type Io } from './io.js';
import { registerCommands } from './commands/index.js';

export function buildProgram(runner: Runner): Command {
  const { lang } = runner;
  const program = addGlobalOptions(new Command('chatproof'), lang)
    .description(render(lang, msg('cli.description')))
    .version(packageVersion(), '-V, --version', render(lang, msg('cli.version-option')))
    .helpCommand('help [command]', render(lang, msg('cli.help-command')))
    .showHelpAfterError(render(lang, msg('cli.help-after-error')))
    .exitOverride();
  program.addHelpText('after', '\n' + render(lang, msg('cli.exit-table')));
  registerCommands(program, runner);
  for (const c of [program, ...program.commands]) {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => runner.io.stdout.write(s), writeErr: (s) => runner.io.stderr.write(s) });
    speak(c, lang);
  }
  return program;
}

/** Runs the CLI and returns its exit code; the only place errors become exit codes and messages. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  // The help and commander's errors come before any command runs, so the language is known first.
  const runner: Runner = { io, code: EXIT.ok, lang: resolveLang(langFlagIn(argv), io.env) };
  const program = buildProgram(runner);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return runner.code;
  } catch (e) {
    if (e instanceof CommanderError) return exitCodeFor(e);
    reportError(io, e, runner.lang);
    return exitCodeFor(e);
  }
}

function reportError(io: Io, e: unknown, lang: Lang): void {
  if (e instanceof ChatproofError) {
    const { message, where, hint } = describeError(e, lang);
    io.stderr.write(`chatproof: ${message}${where ? ` (${where})` : ''}\n`);
    if (hint) io.stderr.write(`  → ${hint}\n`);
    return;
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  io.stderr.write(render(lang, msg('cli.internal-error', { detail })) + '\n');
}

/** The bin's entry: real process streams, Ctrl-C → abort → exit 130. */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  // `chatproof --help | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  try {
    const code = await runCli(argv, processIo(controller.signal));
    return controller.signal.aborted && code === EXIT.ok ? EXIT.interrupted : code;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
