import type { Command } from 'commander';
import { resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { readBounded } from '../../input/bounded-read.js';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { msg, textsIn } from '../../i18n/message.js';
import { readAnchors } from '../../app/anchors.js';

/** A report embeds its originals, and the archive keeps none above 500 MB: 2 GB is no report of ours. */
const MAX_REPORT_BYTES = 2 * 1024 ** 3;

export function registerVerifyReport(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, { tsaCert?: string }]>(
    program,
    runner,
    'verify-report <file>',
    tx('help.verify-report'),
    (c) => c.option('--tsa-cert <file>', tx('help.tsa-cert')),
    async (ctx, file, opts) => {
      const [{ verifyReport }, { pdfRenderer }] = await Promise.all([import('../../report/verify/index.js'), import('../../../exporters/pdf/render.js')]);
      const path = resolve(ctx.io.cwd, file);
      let bytes: Buffer;
      try {
        bytes = await readBounded(path, {
          where: file,
          maxSize: MAX_REPORT_BYTES,
          tooBig: (size) => new InputError(msg('input.report-too-big', { where: file, size, max: MAX_REPORT_BYTES })),
        });
      } catch (e) {
        if (e instanceof InputError) throw e;
        const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
        throw new InputError(missing ? msg('input.report-missing', { file }) : msg('input.report-unreadable', { file, why: (e as Error).message }), {
          hint: msg('input.report-missing.hint'),
        });
      }
      const result = await verifyReport(bytes, file, await readAnchors(opts.tsaCert, ctx.io.cwd), pdfRenderer());
      if (ctx.json) {
        ctx.printJson({ ok: result.ok, comparison: result.comparison, checks: result.checks.map(({ name, ok, detail }) => ({ name, ok, detail })) });
      } else {
        for (const c of result.checks) ctx.say(`${c.ok ? '✓' : '✗'} ${ctx.words(c.said.name)}\n    ${ctx.words(c.said.detail)}`, c.ok ? 32 : 31);
        const failed = result.checks.filter((c) => !c.ok).length;
        if (result.ok) ctx.say(ctx.text('verify-report.ok', { n: result.checks.length }), 32);
        else ctx.say(ctx.text('verify-report.failed', { n: failed }), 31);
      }
      return result.ok ? EXIT.ok : EXIT.integrity;
    },
  );
}
