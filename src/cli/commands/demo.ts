import type { Command } from 'commander';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplesDir } from '../../paths.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../../i18n/lang.js';

export function registerDemo(program: Command, runner: Runner): void {
  defineCommand<[{ keep?: string }]>(
    program, runner, 'demo',
    'build a throw-away archive from the bundled sample chats, show the changes, verify, and write a demo report / デモ',
    (c) => c.option('--keep <dir>', 'write the demo archive and report into this folder instead of a temporary one'),
    (ctx, opts) => runDemo(ctx, opts.keep ?? mkdtempSync(join(tmpdir(), 'chatproof-demo-'))),
  );
}

/** Runs real commands against a throw-away archive: the demo is the main job, end to end. */
async function runDemo(ctx: Context, dir: string): Promise<number> {
  const { runCli } = await import('../main.js');
  const db = join(dir, 'demo-archive.db');
  const report = join(dir, 'demo-report.pdf');
  const lang = ctx.lang;
  const step = async (title: { ja: string; en: string }, argv: string[]): Promise<number> => {
    ctx.say('');
    ctx.say('▶ ' + t(lang, title), 1);
    ctx.say(`$ chatproof ${argv.join(' ')}`);
    return runCli([...argv, '--db', db, ...(argv.includes('--lang') ? [] : ['--lang', lang]), '--tz', ctx.tz], ctx.io);
  };
  ctx.say(t(lang, {
    ja: `デモ: 同じ LINE トークを 1 週間あけて 2 回書き出したサンプルを取り込みます（保存先 ${db}）。`,
    en: `Demo: two exports of one LINE chat, a week apart, go into a throw-away archive (${db}).`,
  }));
  const steps: [{ ja: string; en: string }, string[], number][] = [
    [{ ja: '1 回目の書き出しを取り込む', en: 'Import the first export' }, ['import', join(samplesDir, 'capture-1.txt')], EXIT.ok],
    [{ ja: '2 回目の書き出しを取り込む（取消・削除・追加あり）', en: 'Import the second export (one unsent, one deleted, two added)' }, ['import', join(samplesDir, 'capture-2.txt')], EXIT.ok],
    [{ ja: '2 回の取り込みの差分', en: 'What changed between the two captures' }, ['diff', '佐藤花子'], EXIT.ok],
    [{ ja: 'アーカイブ上の全メッセージと状態', en: 'Every message ever seen, with its status' }, ['show', '佐藤花子'], EXIT.ok],
    [{ ja: 'アーカイブ全体を再検証', en: 'Verify the whole archive' }, ['verify'], EXIT.ok],
    // The report is for the platform's Japanese support desk: Japanese unless --lang was given.
    [{ ja: '証拠報告書（PDF）を作成', en: 'Write the evidence report (PDF, in Japanese unless --lang en)' }, ['report', '佐藤花子', '-o', report, '--lang', ctx.langGiven ? lang : 'ja'], EXIT.ok],
    [{ ja: '報告書だけで検証（アーカイブを使わずに）', en: 'Check the report on its own, without the archive' }, ['verify-report', report], EXIT.ok],
  ];
  for (const [title, argv, expected] of steps) {
    const code = await step(title, argv);
    if (code !== expected) return code;
  }
  ctx.say('\n' + t(lang, { ja: `完了。アーカイブ: ${db}\n報告書: ${report}`, en: `Done. Archive: ${db}\nReport: ${report}` }));
  return EXIT.ok;
}
