import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { type Runner, defineCommand } from '../command.js';
import { entryJson } from '../json-shapes.js';
import { t } from '../../i18n/lang.js';

export function registerNote(program: Command, runner: Runner): void {
  defineCommand<[string, string, Record<string, never>]>(
    program, runner, 'note <room> <text>',
    'append an observation to the log, e.g. "the client deleted the room on 2024-02-01" / 観察を記録',
    (c) => c,
    (ctx, roomArg, text) => {
      if (text.trim().length === 0) throw new UsageError('The note is empty: write what you observed, in quotes.');
      const archive = ctx.archive();
      const room = archive.findRoom(roomArg);
      const entry = archive.append('note', room.id, { note: { text } });
      if (ctx.json) ctx.printJson(entryJson(entry));
      else ctx.say(t(ctx.lang, { ja: `記録しました: #${entry.seq} ${entry.hash}`, en: `Noted as entry #${entry.seq} ${entry.hash}` }));
      return 0;
    },
  );
}
