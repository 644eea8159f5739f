import type { Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import type { Change, ViewMessage } from '../../core/diff/index.js';
import { UsageError } from '../../core/errors.js';
import { msg, textsIn } from '../../i18n/message.js';
import type { HashedMessage } from '../../core/types.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { captureJson, messageJson, roomJson } from '../json-shapes.js';
import { EXIT } from '../exit-codes.js';

const MARK: Record<string, string> = { present: ' ', edited: 'M', unsent: '×', deleted: '-', added: '+' };
const COLOR: Record<string, number> = { edited: 33, unsent: 35, deleted: 31, added: 32 };

interface ShowOptions {
  capture?: string;
  verbose?: boolean;
}

interface DiffOptions {
  from?: string;
  to?: string;
  verbose?: boolean;
}

/** A message's line: its mark, time in the archive's zone, sender and text; its hash under --verbose. */
function messageLine(ctx: Context, mark: string, m: { sentAt: string; sender: string | null; hash: string }, text: string, verbose: boolean): string {
  return `${mark} ${ctx.time(m.sentAt)}  ${m.sender ?? '—'}: ${text}${verbose ? `  [${m.hash.slice(0, 10)}]` : ''}`;
}

function oneLine(body: string): string {
  return body.replace(/\n/g, '⏎');
}

/**
 * The diff core and the room's history, loaded by the commands that use them: ~5 ms of every
 * other command's start-up (docs/performance.md).
 */
async function loadHistory() {
  const [diff, history] = await Promise.all([import('../../core/diff/index.js'), import('../../store/room-history.js')]);
  return { compareCaptures: diff.compareCaptures, captureView: history.captureView, roomArchiveView: history.roomArchiveView };
}

export function registerShow(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, ShowOptions]>(
    program, runner, 'show <room>',
    tx('help.show'),
    (c) => c.option('--capture <id>', tx('help.show.capture')).option('--verbose', tx('help.verbose')),
    async (ctx, roomArg, opts) => {
      const archive = ctx.archive({ readonly: true });
      const room = findRoom(archive, roomArg);
      if (opts.capture !== undefined) {
        const capture = archive.capture(opts.capture);
        if (capture.roomId !== room.id) throw new UsageError(msg('usage.capture-other-room', { capture: capture.id }), { hint: msg('usage.capture-other-room.hint', { room: room.id }) });
        const messages = archive.captureMessages(capture.id);
        if (ctx.json) ctx.printJson({ room: roomJson(room), capture: captureJson(capture), messages: messages.map(messageJson) });
        else for (const m of messages) ctx.say(messageLine(ctx, '', m, oneLine(m.body), opts.verbose ?? false).trimStart());
        return EXIT.ok;
      }
      const { roomArchiveView } = await loadHistory();
      const view = roomArchiveView(archive, room.id);
      if (ctx.json) {
        ctx.printJson({ room: roomJson(room), messages: view.messages.map(viewMessageJson), observations: view.roomObservations });
        return EXIT.ok;
      }
      ctx.say(ctx.text('show.heading', { title: room.title, id: room.id, source: room.source, captures: view.captures.length }));
      if (view.messages.length > 0) ctx.say(ctx.text('show.legend'));
      for (const m of view.messages) printViewMessage(ctx, m, opts.verbose ?? false);
      for (const o of view.roomObservations) {
        const label = o.kind === 'note' ? ctx.text('show.note') : ctx.text('show.observation');
        ctx.say(`! ${ctx.time(o.at)} ${label}: ${o.text}`, 36);
      }
      return EXIT.ok;
    },
  );
}

function viewMessageJson(m: ViewMessage): Record<string, unknown> {
  return { ...messageJson(m), status: m.status, firstSeen: m.firstSeen, lastSeen: m.lastSeen, statusAsOf: m.statusAsOf, history: m.history.map((h) => ({ capture: h.capture, body: h.body, kind: h.kind, hash: h.hash })) };
}

function printViewMessage(ctx: Context, m: ViewMessage, verbose: boolean): void {
  const line = messageLine(ctx, MARK[m.status]!, m, oneLine(m.body), verbose);
  ctx.say(line, COLOR[m.status]);
  if (m.status === 'edited') for (const h of m.history.slice(0, -1)) ctx.say(`      ${ctx.text('show.before')}: ${oneLine(h.body)}`);
}

export function registerDiff(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, DiffOptions]>(
    program, runner, 'diff <room>',
    tx('help.diff'),
    (c) => c.option('--from <id>', tx('help.diff.from')).option('--to <id>', tx('help.diff.to')).option('--verbose', tx('help.verbose')),
    async (ctx, roomArg, opts) => {
      const archive = ctx.archive({ readonly: true });
      const room = findRoom(archive, roomArg);
      const captures = archive.captures(room.id);
      const to = opts.to !== undefined ? archive.capture(opts.to) : captures[captures.length - 1];
      const from = opts.from !== undefined ? archive.capture(opts.from) : captures.filter((c) => to !== undefined && c.entrySeq < to.entrySeq).pop();
      if (!to || !from) throw new UsageError(msg('usage.diff-one-capture', { title: room.title }), { hint: msg('usage.diff-one-capture.hint') });
      for (const c of [from, to]) if (c.roomId !== room.id) throw new UsageError(msg('usage.capture-other-room', { capture: c.id }), { hint: msg('usage.capture-other-room.hint', { room: room.id }) });
      // One map for both captures: they share nearly all messages, each is read once (docs/performance.md).
      const seen = new Map<string, HashedMessage>();
      const { captureView, compareCaptures } = await loadHistory();
      const changes = compareCaptures(captureView(archive, from, seen), captureView(archive, to, seen)).filter((c) => c.type !== 'unchanged' && c.type !== 'notCovered');
      if (ctx.json) {
        ctx.printJson({ from: from.id, to: to.id, changes: changes.map((c) => ({ type: c.type, before: c.before && messageJson(c.before), after: c.after && messageJson(c.after) })) });
        return EXIT.ok;
      }
      ctx.say(ctx.text('diff.heading', { title: room.title, from: from.id, fromAt: ctx.time(from.capturedAt, true), to: to.id, toAt: ctx.time(to.capturedAt, true) }));
      if (changes.length === 0) ctx.say(ctx.text('diff.none'));
      else ctx.say(ctx.text('diff.legend'));
      for (const c of changes) printChange(ctx, c, opts.verbose ?? false);
      return EXIT.ok;
    },
  );
}

function printChange(ctx: Context, c: Change, verbose: boolean): void {
  const m = (c.after ?? c.before)!;
  const text = c.type === 'edited' ? `${oneLine(c.before!.body)}  →  ${oneLine(c.after!.body)}` : c.type === 'unsent' ? oneLine(c.before!.body) : oneLine(m.body);
  ctx.say(messageLine(ctx, MARK[c.type]!, m, text, verbose), COLOR[c.type] ?? 0);
}
