import type { Command } from 'commander';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { msg } from '../../i18n/message.js';
import { readBounded } from '../../input/bounded-read.js';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../../i18n/lang.js';
import { readAnchors } from './stamp.js';

/** A report embeds its originals, and the archive keeps none above 500 MB: 2 GB is no report of ours. */
const MAX_REPORT_BYTES = 2 * 1024 ** 3;

export function registerVerifyReport(program: Command, runner: Runner): void {
  defineCommand<[string, { tsaCert?: string }]>(
    program, runner, 'verify-report <file>',
    'check a PDF report on its own, without the archive: every hash, Merkle root, log link and timestamp / 報告書を検証',
    (c) => c.option('--tsa-cert <file>', 'trust timestamps through this certificate (default: Node\'s bundled Mozilla roots)'),
    async (ctx, file, opts) => {
      const { verifyReport } = await import('../../report/verify/index.js');
      const path = resolve(ctx.io.cwd, file);
      let bytes: Buffer;
      try {
        bytes = await readBounded(path, { where: file, maxSize: MAX_REPORT_BYTES, tooBig: (size) => new InputError(msg('input.report-too-big', { where: file, size, max: MAX_REPORT_BYTES })) });
      } catch (e) {
        if (e instanceof InputError) throw e;
        throw new InputError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (e as Error).message}.`, { hint: 'Check the path of the report PDF.' });
      }
      const result = await verifyReport(bytes, file, await readAnchors(opts.tsaCert, ctx.io.cwd));
      if (ctx.json) {
        ctx.printJson({ ok: result.ok, checks: result.checks });
      } else {
        for (const c of result.checks) ctx.say(`${c.ok ? '✓' : '✗'} ${c.name}\n    ${c.detail}`, c.ok ? 32 : 31);
        const failed = result.checks.filter((c) => !c.ok).length;
        if (result.ok) ctx.say(t(ctx.lang, { ja: `✓ ${result.checks.length} 項目すべて確認できました。上の各行が、何を比べ、何に依拠したかを示します。`, en: `✓ All ${result.checks.length} checks hold; each line above says what was compared and what it rests on.` }), 32);
        else ctx.say(t(ctx.lang, { ja: `✗ ${failed} 項目が一致しません。この報告書は作成後に変更されたか、壊れています。`, en: `✗ ${failed} check(s) failed: this report was changed after it was made, or is damaged.` }), 31);
      }
      return result.ok ? EXIT.ok : EXIT.integrity;
    },
  );
}
