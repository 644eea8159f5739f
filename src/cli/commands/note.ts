import type { Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import { addNote } from '../../app/note.js';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { entryJson } from '../json-shapes.js';
import { textsIn } from '../../i18n/message.js';

export function registerNote(program: Command, runner: Runner): void {
  defineCommand<[string, string, Record<string, never>]>(
    program,
    runner,
    'note <room> <text>',
    textsIn(runner.lang)('help.note'),
    (c) => c,
    (ctx, roomArg, text) => {
      const archive = ctx.archive();
      const entry = addNote(archive, findRoom(archive, roomArg), text);
      if (ctx.json) ctx.printJson(entryJson(entry));
      else ctx.say(ctx.text('note.done', { seq: entry.seq, hash: entry.hash }));
      return EXIT.ok;
    },
  );
}
