import type { Command } from 'commander';
import { problemInEnglish } from '../../store/verify-types.js';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { textsIn } from '../../i18n/message.js';
import { startProgress } from '../progress.js';
import { withSteadyYoungGeneration } from '../young-generation.js';

/** Captures waiting for a timestamp listed by name; an archive never stamped could have thousands. */
const SHOWN = 10;

export function registerVerify(program: Command, runner: Runner): void {
  defineCommand<[Record<string, never>]>(
    program,
    runner,
    'verify',
    textsIn(runner.lang)('help.verify'),
    (c) => c,
    async (ctx) => {
      const archive = ctx.archive({ readonly: true });
      const { verifyArchiveFully } = await import('../../app/verify-archive.js');
      const progress = startProgress(ctx.io, { json: ctx.json, label: 'verify', lang: ctx.lang });
      const report = await withSteadyYoungGeneration(() => verifyArchiveFully(archive, progress.update)).finally(() => progress.finish());
      if (ctx.json) ctx.printJson({ ...report, problems: report.problems.map(problemInEnglish) });
      else {
        ctx.say(ctx.text('verify.counted', { entries: report.entries, captures: report.captures, messages: report.messages, blobs: report.blobs }));
        ctx.say(ctx.text('verify.rechecked', { timestamps: report.timestamps, reparsed: report.reparsed }));
        for (const n of report.notReparsed) ctx.say(ctx.text('verify.not-reparsed', n));
        for (const p of report.problems) ctx.say(ctx.text('verify.problem', { kind: p.kind, where: p.where, expected: p.expected, actual: p.actual }), 31);
        const { newest, unstamped } = report.window;
        ctx.say(
          newest === null
            ? ctx.text('verify.window.none', { unstamped })
            : ctx.text('verify.window.stamped', { stampedSeq: newest.stampedSeq, genTime: newest.genTime, unstamped }),
        );
        const waiting = report.window.notYetStamped;
        const titles = new Map(archive.rooms().map((r) => [r.id, r.title]));
        for (const w of waiting.slice(0, SHOWN))
          ctx.say(
            ctx.text('verify.not-yet-stamped', {
              seq: w.seq,
              room: (w.roomId === null ? undefined : titles.get(w.roomId)) ?? w.roomId ?? '-',
              at: ctx.time(w.at),
            }),
          );
        if (waiting.length > SHOWN) ctx.say(ctx.text('verify.not-yet-stamped.more', { n: waiting.length - SHOWN }));
        if (report.ok) ctx.say(ctx.text('verify.ok'), 32);
        else ctx.say(ctx.text('verify.failed', { problems: report.problems.length }), 31);
      }
      return report.ok ? EXIT.ok : EXIT.integrity;
    },
  );
}
