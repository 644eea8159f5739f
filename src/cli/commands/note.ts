import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { type Runner, defineCommand } from '../command.js';
import { entryJson } from '../json-shapes.js';
import { msg, textsIn } from '../../i18n/message.js';

export function registerNote(program: Command, runner: Runner): void {
  defineCommand<[string, string, Record<string, never>]>(
    program, runner, 'note <room> <text>',
    textsIn(runner.lang)('help.note'),
    (c) => c,
    (ctx, roomArg, text) => {
      if (text.trim().length === 0) throw new UsageError(msg('usage.note-empty'));
      const archive = ctx.archive();
      const room = archive.findRoom(roomArg);
      const entry = archive.append('note', room.id, { note: { text } });
      if (ctx.json) ctx.printJson(entryJson(entry));
      else ctx.say(ctx.text('note.done', { seq: entry.seq, hash: entry.hash }));
      return 0;
    },
  );
}
