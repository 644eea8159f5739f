import type { Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import type { RoomObservation, ViewMessage } from '../../core/diff/index.js';
import { isDeletionMark } from '../../core/diff/removal.js';
import { UsageError } from '../../core/errors.js';
import { msg, textsIn } from '../../i18n/message.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { captureJson, messageJson, roomJson } from '../json-shapes.js';
import { EXIT } from '../exit-codes.js';
import { COLOR, deletedText, loadHistory, MARK, messageLine, oneLine } from './message-lines.js';

interface ShowOptions {
  capture?: string;
  verbose?: boolean;
}

export function registerShow(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, ShowOptions]>(
    program,
    runner,
    'show <room>',
    tx('help.show'),
    (c) => c.option('--capture <id>', tx('help.show.capture')).option('--verbose', tx('help.verbose')),
    async (ctx, roomArg, opts) => {
      const archive = ctx.archive({ readonly: true });
      const room = findRoom(archive, roomArg);
      if (opts.capture !== undefined) {
        const capture = archive.capture(opts.capture);
        if (capture.roomId !== room.id)
          throw new UsageError(msg('usage.capture-other-room', { capture: capture.id }), { hint: msg('usage.capture-other-room.hint', { room: room.id }) });
        const messages = archive.captureMessages(capture.id);
        if (ctx.json) ctx.printJson({ room: roomJson(room), capture: captureJson(capture), messages: messages.map(messageJson) });
        else for (const m of messages) ctx.say(messageLine(ctx, '', m, oneLine(m.body), opts.verbose ?? false).trimStart());
        return EXIT.ok;
      }
      const verbose = opts.verbose ?? false;
      // Read from the room's kept state a batch at a time: a room of any size is shown in about the memory of a batch.
      const { freshState, stateBatches, stateCounts } = await import('../../store/room-state/read.js');
      const captures = freshState(archive, room.id);
      if (captures !== null) {
        const { roomObservations } = await import('../../store/room-history.js');
        if (ctx.json) {
          const batches = (function* () {
            for (const batch of stateBatches(archive, room.id, captures)) yield batch.map(viewMessageJson);
          })();
          ctx.printJsonWithList({ room: roomJson(room) }, 'messages', batches, { observations: roomObservations(archive.entries(room.id)) });
          return EXIT.ok;
        }
        ctx.say(ctx.text('show.heading', { title: room.title, id: room.id, source: room.source, captures: captures.length }));
        if (stateCounts(archive, room.id).messages > 0) ctx.say(ctx.text('show.legend'));
        for (const batch of stateBatches(archive, room.id, captures)) for (const m of batch) printViewMessage(ctx, m, verbose);
        printObservations(ctx, roomObservations(archive.entries(room.id)));
        return EXIT.ok;
      }
      // An archive that cannot be written keeps no state: the captures are folded.

      const { roomArchiveView } = await loadHistory();
      const view = roomArchiveView(archive, room.id);
      if (ctx.json) {
        ctx.printJson({ room: roomJson(room), messages: view.messages.map(viewMessageJson), observations: view.roomObservations });
        return EXIT.ok;
      }
      ctx.say(ctx.text('show.heading', { title: room.title, id: room.id, source: room.source, captures: view.captures.length }));
      if (view.messages.length > 0) ctx.say(ctx.text('show.legend'));
      for (const m of view.messages) printViewMessage(ctx, m, verbose);
      printObservations(ctx, view.roomObservations);
      return EXIT.ok;
    },
  );
}

function viewMessageJson(m: ViewMessage): Record<string, unknown> {
  return {
    ...messageJson(m),
    status: m.status,
    firstSeen: m.firstSeen,
    lastSeen: m.lastSeen,
    statusAsOf: m.statusAsOf,
    history: m.history.map((h) => ({ capture: h.capture, body: h.body, kind: h.kind, hash: h.hash })),
  };
}

function printObservations(ctx: Context, observations: readonly RoomObservation[]): void {
  for (const o of observations) {
    const label = o.kind === 'note' ? ctx.text('show.note') : ctx.text('show.observation');
    ctx.say(`! ${ctx.time(o.at)} ${label}: ${o.text}`, 36);
  }
}

function printViewMessage(ctx: Context, m: ViewMessage, verbose: boolean): void {
  const text = m.status === 'deleted' && isDeletionMark(m.current) ? deletedText(ctx, m.kind === 'unsent' ? null : m.body) : oneLine(m.body);
  const line = messageLine(ctx, MARK[m.status]!, m, text, verbose);
  ctx.say(line, COLOR[m.status]);
  if (m.status === 'edited') for (const h of m.history.slice(0, -1)) ctx.say(`      ${ctx.text('show.before')}: ${oneLine(h.body)}`);
}
