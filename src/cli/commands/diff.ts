import type { Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import type { Change } from '../../core/diff/index.js';
import { UsageError } from '../../core/errors.js';
import { msg, textsIn } from '../../i18n/message.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { messageJson } from '../json-shapes.js';
import { EXIT } from '../exit-codes.js';
import { COLOR, deletedText, loadDiff, MARK, messageLine, oneLine } from './message-lines.js';

interface DiffOptions {
  from?: string;
  to?: string;
  verbose?: boolean;
}

export function registerDiff(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, DiffOptions]>(
    program,
    runner,
    'diff <room>',
    tx('help.diff'),
    (c) => c.option('--from <id>', tx('help.diff.from')).option('--to <id>', tx('help.diff.to')).option('--verbose', tx('help.verbose')),
    async (ctx, roomArg, opts) => {
      const archive = ctx.archive({ readonly: true });
      const room = findRoom(archive, roomArg);
      const captures = archive.captures(room.id);
      const to = opts.to !== undefined ? archive.capture(opts.to) : captures[captures.length - 1];
      // The capture before `to` in the room's history ("as of" order), not merely the one imported before it.
      const from = opts.from !== undefined ? archive.capture(opts.from) : captures[captures.findIndex((c) => c.id === to?.id) - 1];
      if (!to || !from) throw new UsageError(msg('usage.diff-one-capture', { title: room.title }), { hint: msg('usage.diff-one-capture.hint') });
      for (const c of [from, to])
        if (c.roomId !== room.id)
          throw new UsageError(msg('usage.capture-other-room', { capture: c.id }), { hint: msg('usage.capture-other-room.hint', { room: room.id }) });
      // By their hash lists: only the messages that changed are read whole (docs/performance.md).
      const { compareStoredCaptures, isReported } = await loadDiff();
      const changes = compareStoredCaptures(archive.sqlite, from, to, isReported);
      if (ctx.json) {
        ctx.printJson({
          from: from.id,
          to: to.id,
          changes: changes.map((c) => ({ type: c.type, before: c.before && messageJson(c.before), after: c.after && messageJson(c.after) })),
        });
        return EXIT.ok;
      }
      ctx.say(ctx.text('diff.heading', { title: room.title, from: from.id, fromAt: ctx.time(from.asOf, true), to: to.id, toAt: ctx.time(to.asOf, true) }));
      if (changes.length === 0) ctx.say(ctx.text('diff.none'));
      else ctx.say(ctx.text('diff.legend'));
      for (const c of changes) printChange(ctx, c, opts.verbose ?? false);
      return EXIT.ok;
    },
  );
}

function printChange(ctx: Context, c: Change, verbose: boolean): void {
  const m = (c.after ?? c.before)!;
  const text =
    c.type === 'edited'
      ? `${oneLine(c.before!.body)}  →  ${oneLine(c.after!.body)}`
      : c.type === 'unsent'
        ? oneLine(c.before!.body)
        : c.type === 'deleted' && c.after !== null
          ? deletedText(ctx, c.before!.body)
          : oneLine(m.body);
  ctx.say(messageLine(ctx, MARK[c.type]!, m, text, verbose), COLOR[c.type] ?? 0);
}
