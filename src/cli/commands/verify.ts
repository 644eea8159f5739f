import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../../i18n/lang.js';
import { withProgress } from '../progress.js';

export function registerVerify(program: Command, runner: Runner): void {
  defineCommand<[Record<string, never>]>(program, runner, 'verify', 'recompute every hash, Merkle root and log link from the stored bytes / 全データを再検証', (c) => c, (ctx) => {
    const archive = ctx.archive({ readonly: true });
    const report = withProgress(ctx.io, { json: ctx.json, label: 'verify' }, (update) => archive.verify(update));
    if (ctx.json) ctx.printJson(report);
    else {
      ctx.say(`entries ${report.entries}, captures ${report.captures}, messages ${report.messages}, blobs ${report.blobs}`);
      for (const p of report.problems) ctx.say(ctx.paint(31, `✗ ${p.kind}: ${p.where}\n    expected ${p.expected}\n    actual   ${p.actual}`));
      ctx.say(report.ok
        ? ctx.paint(32, t(ctx.lang, { ja: '✓ 問題は見つかりませんでした。すべてのハッシュとログの連鎖が一致します。', en: '✓ No problems: every hash and log link matches the stored bytes.' }))
        : ctx.paint(31, t(ctx.lang, { ja: `✗ ${report.problems.length} 件の問題があります。アーカイブが外部から変更されています。`, en: `✗ ${report.problems.length} problem(s): the archive was changed outside chatproof.` })));
    }
    return report.ok ? EXIT.ok : EXIT.integrity;
  });
}

export function registerBackup(program: Command, runner: Runner): void {
  defineCommand<[string, Record<string, never>]>(program, runner, 'backup <file>', 'write a consistent copy of the archive, even while it is in use / バックアップ', (c) => c, async (ctx, file) => {
    await ctx.archive({ readonly: true }).backup(file);
    if (ctx.json) ctx.printJson({ file });
    else ctx.say(t(ctx.lang, { ja: `バックアップを書きました: ${file}（chatproof verify --db ${file} で検証できます）`, en: `Backup written to ${file} (check it with: chatproof verify --db ${file})` }));
    return 0;
  });
}
