import type { Command } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplesDir } from '../../paths.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { textsIn } from '../../i18n/message.js';

export function registerDemo(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[{ keep?: string }]>(
    program,
    runner,
    'demo',
    tx('help.demo'),
    (c) => c.option('--keep <dir>', tx('help.demo.keep')),
    (ctx, opts) => runDemo(ctx, runner.run, opts.keep ?? mkdtempSync(join(tmpdir(), 'chatproof-demo-'))),
  );
}

/** Runs real commands against a throw-away archive: the demo is the main job, end to end. */
async function runDemo(ctx: Context, runCli: Runner['run'], dir: string): Promise<number> {
  const db = join(dir, 'demo-archive.db');
  const report = join(dir, 'demo-report.pdf');
  // Each step speaks the demo's language through CHATPROOF_LANG; --lang is passed on only where the
  // user gave it, since it also picks the report's language, which is otherwise Japanese.
  // Under --json the steps' words go to stderr (as say() does), and stdout gets one document at the end.
  const io = { ...ctx.io, env: { ...ctx.io.env, CHATPROOF_LANG: ctx.lang }, ...(ctx.json ? { stdout: ctx.io.stderr } : {}) };
  const ran: { command: string; exitCode: number }[] = [];
  const step = async (title: MessageKey & `demo.step.${string}`, argv: string[]): Promise<number> => {
    ctx.say('');
    ctx.say('▶ ' + ctx.text(title), 1);
    ctx.say(`$ chatproof ${argv.join(' ')}`);
    const code = await runCli([...argv, '--db', db, ...(ctx.langGiven ? ['--lang', ctx.lang] : []), '--tz', ctx.tz], io);
    ran.push({ command: argv[0]!, exitCode: code });
    return code;
  };
  const done = (code: number): number => {
    if (ctx.json) ctx.printJson({ ok: code === EXIT.ok, archive: db, report, steps: ran });
    return code;
  };
  ctx.say(ctx.text('demo.intro', { db }));
  const steps: [MessageKey & `demo.step.${string}`, string[], number][] = [
    ['demo.step.import-1', ['import', join(samplesDir, 'capture-1.txt')], EXIT.ok],
    ['demo.step.import-2', ['import', join(samplesDir, 'capture-2.txt')], EXIT.ok],
    ['demo.step.diff', ['diff', '佐藤花子'], EXIT.ok],
    ['demo.step.show', ['show', '佐藤花子'], EXIT.ok],
    ['demo.step.verify', ['verify'], EXIT.ok],
    // The report is for the platform's Japanese support desk: Japanese unless --lang was given.
    ['demo.step.report', ['report', '佐藤花子', '-o', report], EXIT.ok],
    ['demo.step.verify-report', ['verify-report', report], EXIT.ok],
  ];
  for (const [title, argv, expected] of steps) {
    const code = await step(title, argv);
    if (code !== expected) return done(code);
  }
  ctx.say('\n' + ctx.text('demo.done', { db, report }));
  return done(EXIT.ok);
}
