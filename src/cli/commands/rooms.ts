import type { Command } from 'commander';
import { type Runner, defineCommand } from '../command.js';
import { captureJson } from '../json-shapes.js';
import { t } from '../../i18n/lang.js';

export function registerRooms(program: Command, runner: Runner): void {
  defineCommand<[Record<string, never>]>(program, runner, 'rooms', 'list the archived rooms / ルーム一覧', (c) => c, (ctx) => {
    const rooms = ctx.archive({ readonly: true }).roomSummaries();
    if (ctx.json) {
      ctx.printJson({ rooms: rooms.map((r) => ({ id: r.id, source: r.source, title: r.title, externalId: r.externalId, captures: r.captures, messages: r.lastCaptureMessages, lastCapturedAt: r.lastCapturedAt })) });
      return 0;
    }
    if (rooms.length === 0) ctx.say(t(ctx.lang, { ja: 'まだルームがありません。chatproof import FILE で取り込めます。', en: 'No rooms yet. Import a chat with: chatproof import FILE' }));
    for (const r of rooms) ctx.say(`${r.id}  ${r.source.padEnd(10)}  ${String(r.captures).padStart(3)} captures  ${String(r.lastCaptureMessages).padStart(6)} msgs  ${r.lastCapturedAt ?? '-'}  ${r.title}`);
    return 0;
  });
}

export function registerCaptures(program: Command, runner: Runner): void {
  defineCommand<[string, Record<string, never>]>(program, runner, 'captures <room>', 'list the captures of a room (ROOM: id, id prefix of 6+ chars, or exact title) / 取り込み履歴', (c) => c, (ctx, roomArg) => {
    const archive = ctx.archive({ readonly: true });
    const room = archive.findRoom(roomArg);
    const captures = archive.captures(room.id);
    if (ctx.json) {
      ctx.printJson({ room: { id: room.id, source: room.source, title: room.title }, captures: captures.map(captureJson) });
      return 0;
    }
    ctx.say(`${room.title} (${room.id}, ${room.source})`);
    for (const c of captures) ctx.say(`  ${c.id}  ${c.capturedAt}  ${c.format.padEnd(13)} ${String(c.messageCount).padStart(6)} msgs  ${c.coverage.kind.padEnd(6)}  sha256 ${c.rawSha256.slice(0, 16)}…  #${c.entrySeq}`);
    return 0;
  });
}
