import type { Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import { type Runner, defineCommand } from '../command.js';
import { captureJson, roomJson } from '../json-shapes.js';
import { textsIn } from '../../i18n/message.js';
import { EXIT } from '../exit-codes.js';
import { RAW_VARIANT } from '../../core/types.js';

export function registerCaptures(program: Command, runner: Runner): void {
  defineCommand<[string, Record<string, never>]>(
    program,
    runner,
    'captures <room>',
    textsIn(runner.lang)('help.captures'),
    (c) => c,
    (ctx, roomArg) => {
      const archive = ctx.archive({ readonly: true });
      const room = findRoom(archive, roomArg);
      const captures = archive.captures(room.id);
      if (ctx.json) {
        ctx.printJson({ room: roomJson(room), captures: captures.map(captureJson) });
        return EXIT.ok;
      }
      ctx.say(`${room.title} (${room.id}, ${room.source})`);
      for (const c of captures) {
        const what = ctx.text('captures.line', { messages: c.messageCount, full: c.coverage.kind === 'full' });
        const again =
          c.reparseOf !== undefined
            ? `  ${ctx.text('captures.reparse-of', { capture: c.reparseOf })}`
            : c.parserVersion === RAW_VARIANT
              ? `  ${ctx.text('captures.raw')}`
              : '';
        ctx.say(`  ${c.id}  ${ctx.time(c.capturedAt, true)}  ${c.format.padEnd(13)} ${what}  sha256 ${c.rawSha256.slice(0, 16)}…  #${c.entrySeq}${again}`);
      }
      return EXIT.ok;
    },
  );
}
