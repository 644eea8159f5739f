import { Command, CommanderError } from 'commander';
import { ChatproofError, describeError } from '../core/errors.js';
import { langFlagIn, resolveLang, type Lang } from '../i18n/lang.js';
import { msg, render, type Phrase } from '../i18n/message.js';
import { packageVersion } from '../paths.js';
import type { Runner } from './command.js';
import { speak } from './commander-lang.js';
import { addGlobalOptions } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { processIo, type Io } from './io.js';
import { guardStreams } from './output-streams.js';
import { visible } from './visible.js';
import { removeLiveTemporaries } from '../output/index.js';
import { errorDocument, jsonRequested } from './json-error.js';
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
    // commander's errors repeat what was typed: an option name can carry an escape sequence too.
    c.configureOutput({ writeOut: (s) => runner.io.stdout.write(s), writeErr: (s) => runner.io.stderr.write(visible(s, { keepLines: true })) });
    speak(c, lang);
  }
  return program;
}

/** Runs the CLI and returns its exit code; the only place errors become exit codes and messages. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  // The help and commander's errors come before any command runs, so the language is known first.
  const runner: Runner = { io, code: EXIT.ok, lang: resolveLang(langFlagIn(argv), io.env), run: runCli };
  const program = buildProgram(runner);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return runner.code;
  } catch (e) {
    const code = exitCodeFor(e);
    // Commander has written its own error (and help, version) already.
    if (!(e instanceof CommanderError)) reportError(io, e, runner.lang);
    // Under --json an error is a document too, on stdout, unless the command's own document (with
    // what it finished before failing) is there already; the words above stay on stderr.
    if (code !== EXIT.ok && jsonRequested(argv) && runner.jsonWritten !== true)
      io.stdout.write(JSON.stringify(errorDocument(e, code, runner.lang), null, 2) + '\n');
    return code;
  }
}

function reportError(io: Io, e: unknown, lang: Lang): void {
  if (e instanceof ChatproofError) {
    // A file or room name in the message is shown, never obeyed (visible.ts).
    const { message, where, hint } = describeError(e, lang);
    io.stderr.write(visible(`chatproof: ${message}${where ? ` (${where})` : ''}\n`, { keepLines: true }));
    if (hint) io.stderr.write(visible(`  → ${hint}\n`, { keepLines: true }));
    return;
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  io.stderr.write(visible(render(lang, msg('cli.internal-error', { detail })) + '\n', { keepLines: true }));
}

/** The bin's entry: real process streams; Ctrl-C or SIGTERM → abort → exit 130, a second one ends at once. */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      removeLiveTemporaries();
      process.exit(EXIT.interrupted);
    }
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const streams = guardStreams(process.stdout, process.stderr);
  try {
    const code = await runCli(argv, processIo(controller.signal, streams));
    const outcome = controller.signal.aborted && code === EXIT.ok ? EXIT.interrupted : code;
    // A failed write is reported on a later turn of the event loop (a file's 'error' event), not by write().
    await new Promise((settled) => setImmediate(settled));
    return outputFailed(streams.failure(), outcome, (line) => streams.stderr.write(render(resolveLang(langFlagIn(argv), process.env), line) + '\n'));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * Output that could not be written (a full disk, an I/O error) turns a success into exit 4 with
 * one line; a command that failed on its own keeps its code, the more telling of the two.
 */
function outputFailed(failure: NodeJS.ErrnoException | null, code: number, say: (line: Phrase) => unknown): number {
  if (failure === null || code !== EXIT.ok) return code;
  say(msg('cli.output-failed', { why: failure.code ?? failure.message }));
  return EXIT.archive;
}
