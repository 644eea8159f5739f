import type { Command } from 'commander';
import { readAnchors } from '../../app/anchors.js';
import type { Stamped } from '../../app/stamp.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { entryJson } from '../json-shapes.js';
import { render, textsIn } from '../../i18n/message.js';
import { EXIT } from '../exit-codes.js';
import { readSettings, settingsPath } from '../../app/settings.js';

interface StampOptions {
  tsa?: string;
  tsaCert?: string;
}

/** The TSA `stamp` asks when none is named: its tokens chain to the default anchor (Mozilla roots). */
export const DEFAULT_TSA = 'digicert';

export function registerStamp(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[StampOptions]>(
    program,
    runner,
    'stamp',
    tx('help.stamp'),
    (c) => c.option('--tsa <url|name>', tx('help.stamp.tsa', { fallback: DEFAULT_TSA })).option('--tsa-cert <file>', tx('help.tsa-cert')),
    async (ctx, opts) => {
      const [{ stampLogHead }, { resolveTsa }] = await Promise.all([import('../../app/stamp.js'), import('../../timestamp/index.js')]);
      // The TSA set with `chatproof config set tsa` is the one the queue is waiting for.
      const settings = readSettings(settingsPath(ctx.dbPath, ctx.io.cwd));
      const tsa = resolveTsa(opts.tsa ?? settings.tsa ?? DEFAULT_TSA);
      const anchors = await readAnchors(opts.tsaCert ?? settings.tsaCert, ctx.io.cwd);
      const stamped = await stampLogHead(ctx.archive(), tsa, anchors);
      if (ctx.json) ctx.printJson({ ...entryJson(stamped.entry), ...stampJson(stamped) });
      else for (const line of trustLines(ctx, stamped)) ctx.say(line);
      return EXIT.ok;
    },
  );
}

export function stampJson(s: Stamped): Record<string, unknown> {
  return {
    genTime: s.token.genTime,
    tsaName: s.token.tsaName,
    serial: s.token.serial,
    policy: s.token.policy,
    stamped: s.head,
    verification: {
      ok: s.verification.ok,
      anchor: s.verification.anchor,
      trust: s.verification.trust,
      checks: s.verification.checks.map((c) => ({ ...c, detail: render('en', c.detail) })),
    },
  };
}

/** What the token says, and how far it is trusted: the anchor is always named. */
export function trustLines(ctx: Context, s: Stamped): string[] {
  const v = s.verification;
  const trust = v.checks.find((c) => c.name === 'trust-anchor');
  const lines = [ctx.text('stamp.done', { seq: s.entry.seq, tsa: s.token.tsaName ?? 'TSA', at: ctx.time(s.token.genTime, true) })];
  lines.push(ctx.text('stamp.anchor', { anchor: v.anchor }));
  lines.push(`  ${trust?.ok === true ? '✓' : '✗'} ${ctx.text('stamp.trust', { detail: trust?.detail ?? '' })}`);
  if (trust?.ok !== true) {
    lines.push(ctx.text('stamp.untrusted'));
  }
  return lines;
}
