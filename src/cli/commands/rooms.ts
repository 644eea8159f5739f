import type { Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import { type Runner, defineCommand } from '../command.js';
import { captureJson, roomJson } from '../json-shapes.js';
import { textsIn } from '../../i18n/message.js';
import { EXIT } from '../exit-codes.js';

export function registerRooms(program: Command, runner: Runner): void {
  defineCommand<[Record<string, never>]>(program, runner, 'rooms', textsIn(runner.lang)('help.rooms'), (c) => c, (ctx) => {
    const rooms = ctx.archive({ readonly: true }).roomSummaries();
    if (ctx.json) {
      ctx.printJson({ rooms: rooms.map((r) => ({ id: r.id, source: r.source, title: r.title, externalId: r.externalId, captures: r.captures, messages: r.lastCaptureMessages, lastCapturedAt: r.lastCapturedAt })) });
      return EXIT.ok;
    }
    if (rooms.length === 0) ctx.say(ctx.text('rooms.none'));
    for (const r of rooms) {
      const last = r.lastCapturedAt === null ? '-' : ctx.time(r.lastCapturedAt, true);
      ctx.say(`${r.id}  ${r.source.padEnd(10)}  ${ctx.text('rooms.line', { captures: r.captures, messages: r.lastCaptureMessages, last })}  ${r.title}`);
    }
    return EXIT.ok;
  });
}

export function registerCaptures(program: Command, runner: Runner): void {
  defineCommand<[string, Record<string, never>]>(program, runner, 'captures <room>', textsIn(runner.lang)('help.captures'), (c) => c, (ctx, roomArg) => {
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
      ctx.say(`  ${c.id}  ${ctx.time(c.capturedAt, true)}  ${c.format.padEnd(13)} ${what}  sha256 ${c.rawSha256.slice(0, 16)}…  #${c.entrySeq}`);
    }
    return EXIT.ok;
  });
}
