import type { Command } from 'commander';
import type { Change, ViewMessage } from '../../core/diff/index.js';
import { UsageError } from '../../core/errors.js';
import type { HashedMessage } from '../../core/types.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { captureJson, messageJson, roomJson } from '../json-shapes.js';
import { t } from '../../i18n/lang.js';

const MARK: Record<string, string> = { present: ' ', edited: 'M', unsent: '×', deleted: '-', added: '+' };
const COLOR: Record<string, number> = { edited: 33, unsent: 35, deleted: 31, added: 32 };

function oneLine(body: string): string {
  return body.replace(/\n/g, '⏎');
}

/**
 * The diff core and the room's history, loaded by the commands that use them: ~5 ms of every
 * other command's start-up (issue 8).
 */
async function loadHistory() {
  const [diff, history] = await Promise.all([import('../../core/diff/index.js'), import('../../store/room-history.js')]);
  return { compareCaptures: diff.compareCaptures, captureView: history.captureView, roomArchiveView: history.roomArchiveView };
}

export function registerShow(program: Command, runner: Runner): void {
  defineCommand<[string, { capture?: string }]>(
    program, runner, 'show <room>',
    'every message ever seen in a room with its status, or one capture (--capture) / ルームの全メッセージと状態',
    (c) => c.option('--capture <id>', 'show only this capture, as it was imported'),
    async (ctx, roomArg, opts) => {
      const archive = ctx.archive({ readonly: true });
      const room = archive.findRoom(roomArg);
      if (opts.capture !== undefined) {
        const capture = archive.capture(opts.capture);
        if (capture.roomId !== room.id) throw new UsageError(`Capture ${capture.id} belongs to another room.`, { hint: `List this room's captures with: chatproof captures ${room.id}` });
        const messages = archive.captureMessages(capture.id);
        if (ctx.json) ctx.printJson({ room: roomJson(room), capture: captureJson(capture), messages: messages.map(messageJson) });
        else for (const m of messages) ctx.say(`${m.sentAt}  ${m.sender ?? '—'}: ${oneLine(m.body)}  [${m.hash.slice(0, 10)}]`);
        return 0;
      }
      const { roomArchiveView } = await loadHistory();
      const view = roomArchiveView(archive, room.id);
      if (ctx.json) {
        ctx.printJson({ room: roomJson(room), messages: view.messages.map(viewMessageJson), observations: view.roomObservations });
        return 0;
      }
      ctx.say(`${room.title} (${room.id}, ${room.source}) — ${view.captures.length} captures`);
      for (const m of view.messages) printViewMessage(ctx, m);
      for (const o of view.roomObservations) ctx.say(ctx.paint(36, `! ${o.at} ${o.kind}: ${o.text}`));
      return 0;
    },
  );
}

function viewMessageJson(m: ViewMessage): Record<string, unknown> {
  return { ...messageJson(m), status: m.status, firstSeen: m.firstSeen, lastSeen: m.lastSeen, statusAsOf: m.statusAsOf, history: m.history.map((h) => ({ capture: h.capture, body: h.body, kind: h.kind, hash: h.hash })) };
}

function printViewMessage(ctx: Context, m: ViewMessage): void {
  const line = `${MARK[m.status]} ${m.sentAt}  ${m.sender ?? '—'}: ${oneLine(m.body)}  [${m.hash.slice(0, 10)}]`;
  ctx.say(COLOR[m.status] ? ctx.paint(COLOR[m.status]!, line) : line);
  if (m.status === 'edited') for (const h of m.history.slice(0, -1)) ctx.say(`      ${t(ctx.lang, { ja: '編集前', en: 'before' })}: ${oneLine(h.body)}`);
}

export function registerDiff(program: Command, runner: Runner): void {
  defineCommand<[string, { from?: string; to?: string }]>(
    program, runner, 'diff <room>',
    'changes between two captures (default: the last two): + added, - deleted, M edited, × unsent / 差分',
    (c) => c.option('--from <id>', 'the earlier capture').option('--to <id>', 'the later capture'),
    async (ctx, roomArg, opts) => {
      const archive = ctx.archive({ readonly: true });
      const room = archive.findRoom(roomArg);
      const captures = archive.captures(room.id);
      const to = opts.to !== undefined ? archive.capture(opts.to) : captures[captures.length - 1];
      const from = opts.from !== undefined ? archive.capture(opts.from) : captures.filter((c) => to !== undefined && c.entrySeq < to.entrySeq).pop();
      if (!to || !from) throw new UsageError(t(ctx.lang, { ja: `ルーム「${room.title}」の取り込みが 2 回未満なので、比べられません。`, en: `Room "${room.title}" has fewer than two captures: nothing to compare.` }), { hint: 'Import a later export of the same chat first.' });
      for (const c of [from, to]) if (c.roomId !== room.id) throw new UsageError(`Capture ${c.id} belongs to another room.`);
      // One map for both captures: they share nearly all messages, each is read once (issue 8).
      const seen = new Map<string, HashedMessage>();
      const { captureView, compareCaptures } = await loadHistory();
      const changes = compareCaptures(captureView(archive, from, seen), captureView(archive, to, seen)).filter((c) => c.type !== 'unchanged' && c.type !== 'notCovered');
      if (ctx.json) {
        ctx.printJson({ from: from.id, to: to.id, changes: changes.map((c) => ({ type: c.type, before: c.before && messageJson(c.before), after: c.after && messageJson(c.after) })) });
        return 0;
      }
      ctx.say(`${room.title}: ${from.id} (${from.capturedAt}) → ${to.id} (${to.capturedAt})`);
      if (changes.length === 0) ctx.say(t(ctx.lang, { ja: '変化はありません。', en: 'No changes.' }));
      for (const c of changes) printChange(ctx, c);
      return 0;
    },
  );
}

function printChange(ctx: Context, c: Change): void {
  const m = (c.after ?? c.before)!;
  const head = `${MARK[c.type]} ${m.sentAt}  ${m.sender ?? '—'}: `;
  const text = c.type === 'edited' ? `${oneLine(c.before!.body)}  →  ${oneLine(c.after!.body)}` : c.type === 'unsent' ? oneLine(c.before!.body) : oneLine(m.body);
  ctx.say(ctx.paint(COLOR[c.type] ?? 0, head + text));
}
