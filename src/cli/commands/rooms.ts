import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import { textsIn } from '../../i18n/message.js';
import { EXIT } from '../exit-codes.js';

export function registerRooms(program: Command, runner: Runner): void {
  defineCommand<[Record<string, never>]>(
    program,
    runner,
    'rooms',
    textsIn(runner.lang)('help.rooms'),
    (c) => c,
    (ctx) => {
      const rooms = ctx.archive({ readonly: true }).roomSummaries();
      if (ctx.json) {
        ctx.printJson({
          rooms: rooms.map((r) => ({
            id: r.id,
            source: r.source,
            title: r.title,
            externalId: r.externalId,
            captures: r.captures,
            messages: r.lastCaptureMessages,
            lastCapturedAt: r.lastCapturedAt,
          })),
        });
        return EXIT.ok;
      }
      if (rooms.length === 0) ctx.say(ctx.text('rooms.none'));
      for (const r of rooms) {
        const last = r.lastCapturedAt === null ? '-' : ctx.time(r.lastCapturedAt, true);
        ctx.say(`${r.id}  ${r.source.padEnd(10)}  ${ctx.text('rooms.line', { captures: r.captures, messages: r.lastCaptureMessages, last })}  ${r.title}`);
      }
      return EXIT.ok;
    },
  );
}
