import { Command, CommanderError } from 'commander';
import { ChatproofError } from '../core/errors.js';
import { packageVersion } from '../paths.js';
import type { Runner } from './command.js';
import { addGlobalOptions } from './context.js';
import { EXIT, EXIT_TABLE, exitCodeFor } from './exit-codes.js';
import { processIo, type Io } from './io.js';
import { registerCommands } from './commands/index.js';

export function buildProgram(runner: Runner): Command {
  const program = addGlobalOptions(new Command('chatproof'))
    .description('Keep chats (LINE, Chatwork, CrowdWorks, Lancers) as evidence that anyone can check.\nチャットを、誰でも検証できる証拠として保存します。')
    .version(packageVersion(), '-V, --version')
    .showHelpAfterError('(run with --help for usage / 使い方は --help)')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => runner.io.stdout.write(s),
      writeErr: (s) => runner.io.stderr.write(s),
    });
  program.addHelpText('after', '\n' + EXIT_TABLE);
  registerCommands(program, runner);
  for (const c of program.commands) {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => runner.io.stdout.write(s), writeErr: (s) => runner.io.stderr.write(s) });
  }
  return program;
}

/** Runs the CLI and returns its exit code; the only place errors become exit codes and messages. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const runner: Runner = { io, code: EXIT.ok };
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
    reportError(io, e);
    return exitCodeFor(e);
  }
}

function reportError(io: Io, e: unknown): void {
  if (e instanceof ChatproofError) {
    const where = e.where ? ` (${e.where})` : '';
    io.stderr.write(`chatproof: ${e.message}${where}\n`);
    if (e.hint) io.stderr.write(`  → ${e.hint}\n`);
    return;
  }
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  io.stderr.write(
    `chatproof: internal error — this is a bug in chatproof, not something you did. Your archive was not changed by the failed step.\n` +
      `  Please report it with the text below (remove anything private):\n${detail}\n`,
  );
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
