/** `chatproof sync`: what runs once the command is chosen (sync.ts registers it). */
import { UsageError } from '../../core/errors.js';
import { chatworkClient, chatworkRoomId, parseInterval, syncEvery, syncPass as runPass, type ChatworkClient } from '../../app/sync-chatwork.js';
import type { RoomOutcome } from '../../app/sync-types.js';
import type { SyncProgress, SyncRequest } from '../../app/sync-run.js';
import type { Archive } from '../../store/archive.js';
import { changesForCapture } from '../../app/changes.js';
import { EXIT } from '../exit-codes.js';
import type { Context } from '../context.js';
import { captureJson, roomJson } from '../json-shapes.js';
import { msg } from '../../i18n/message.js';
import { stampIfWaiting, stampPlan } from '../stamp-after.js';

export interface SyncOptions {
  room: string[];
  always?: boolean;
  every?: string;
  downloadFiles?: boolean;
  stamp?: boolean;
  tsa?: string;
  tsaCert?: string;
}

export async function runSyncCommand(ctx: Context, service: string, opts: SyncOptions): Promise<number> {
  if (service !== 'chatwork') throw new UsageError(msg('usage.sync-service', { service }), { hint: msg('usage.sync-service.hint') });
  const request: SyncRequest = { roomIds: opts.room.map(chatworkRoomId), tz: ctx.tz, always: opts.always ?? false, downloadFiles: opts.downloadFiles ?? false };
  const interval = opts.every === undefined ? null : parseInterval(opts.every);
  const client = chatworkClient({
    env: ctx.io.env,
    signal: ctx.io.signal,
    onWait: (ms, why) => ctx.warn(ctx.text('sync.waiting', { seconds: Math.ceil(ms / 1000), why })),
  });
  const plan = await stampPlan(ctx, opts);
  const archive = ctx.archive({ create: true });
  const pass = async (): Promise<void> => {
    await syncPass(ctx, archive, client, request, interval !== null);
    if (plan !== null) await stampIfWaiting(ctx, archive, plan);
  };
  if (interval === null) {
    await pass();
    return EXIT.ok;
  }
  await syncEvery(interval, ctx.io.signal, pass, {
    onPassFailed: (e) => ctx.warn(ctx.text('sync.pass-failed', { why: ctx.words(e.text) })),
    onNext: (at) => ctx.warn(ctx.text('sync.next', { at: ctx.time(at) })),
  });
  ctx.warn(ctx.text('sync.stopped'));
  return EXIT.interrupted;
}

/** One pass; on failure, says which rooms were recorded before it, then lets the error through. */
async function syncPass(ctx: Context, archive: Archive, client: ChatworkClient, request: SyncRequest, repeating: boolean): Promise<void> {
  // Loaded here, not at start-up: it pulls in the importers, and with them iconv-lite and chardet (docs/performance.md).
  const { newProgress } = await import('../../app/sync-run.js');
  const progress = newProgress((o) => {
    if (!ctx.json) {
      const { line, color } = roomLine(ctx, archive, o);
      ctx.say(line, color);
    }
    for (const w of o.warnings) ctx.warn(ctx.text('import.warning', { text: w }));
  });
  try {
    await runPass(archive, client, request, ctx.io.signal, progress);
  } catch (e) {
    reportPartial(ctx, archive, progress, repeating);
    throw e;
  }
  if (ctx.json) printDoc(ctx, { rooms: progress.done.map((o) => outcomeJson(ctx, archive, o)) }, repeating);
  else if (progress.done.length === 0) ctx.say(ctx.text('sync.no-rooms'));
}

function reportPartial(ctx: Context, archive: Archive, progress: SyncProgress, repeating: boolean): void {
  const doneIds = new Set(progress.done.map((o) => o.externalId));
  const notDone = progress.planned.filter((r) => !doneIds.has(r.externalId)).map((r) => r.externalId);
  if (ctx.json) printDoc(ctx, { rooms: progress.done.map((o) => outcomeJson(ctx, archive, o)), incomplete: true, notSynced: notDone }, repeating);
  if (progress.planned.length === 0) return;
  const none = ctx.text('sync.none');
  const done = progress.done.map((o) => `${o.title} (${o.externalId})`).join(', ') || none;
  ctx.warn(ctx.text('sync.partial', { done, notDone: notDone.join(', ') || none }));
}

/** `--json`: one document; with `--every`, one compact document per line and pass. */
function printDoc(ctx: Context, doc: Record<string, unknown>, repeating: boolean): void {
  if (repeating) ctx.printJsonLine(doc);
  else ctx.printJson(doc);
}

function outcomeJson(ctx: Context, archive: Archive, o: RoomOutcome): Record<string, unknown> {
  const files = o.files && {
    added: o.files.added.length,
    removed: o.files.removed.length,
    changed: o.files.changed.length,
    notCovered: o.files.notCovered.length,
    gone: o.files.removed.map((f) => ({ fileId: f.fileId, name: f.name, size: f.size, uploadedAt: f.uploadedAt })),
  };
  return {
    room: o.room ? roomJson(o.room) : { id: null, source: 'chatwork', title: o.title, externalId: o.externalId },
    status: o.status,
    capture: o.capture && { ...captureJson(o.capture), entry: { seq: o.capture.entrySeq, hash: o.entry?.hash ?? null } },
    changes: o.capture && o.room ? changesForCapture(archive, o.room.id, o.capture.id) : null,
    reasons: o.reasons,
    files,
    observation: o.status === 'unreachable' && o.entry ? { seq: o.entry.seq, hash: o.entry.hash } : null,
    refusal: o.refusal,
    warnings: o.warnings.map((w) => ctx.words(w)),
  };
}

function roomLine(ctx: Context, archive: Archive, o: RoomOutcome): { line: string; color?: number } {
  const name = `${o.title} (${o.externalId})`;
  switch (o.status) {
    case 'captured': {
      const n = o.capture!.messageCount;
      const c = changesForCapture(archive, o.room!.id, o.capture!.id);
      const counts = (['added', 'edited', 'unsent', 'deleted'] as const)
        .filter((k) => c[k] > 0)
        .map((k) => ctx.text(`import.count.${k}`, { n: c[k] }))
        .join(ctx.text('import.count.sep'));
      const gone = o.files?.removed.map((f) => f.name) ?? [];
      const line = ctx.text('sync.recorded', { name, n, reasons: o.reasons.join(', '), counts });
      return { color: 32, line: gone.length > 0 ? `${line}${ctx.text('sync.files-gone', { names: gone.join(', ') })}` : line };
    }
    case 'unchanged':
      return { line: ctx.text('sync.unchanged', { name }) };
    case 'unreachable': {
      const why = `${o.refusal!.status} ${o.refusal!.detail}`;
      const logged = o.entry === null ? ctx.text('sync.not-logged') : ctx.text('sync.logged', { seq: o.entry.seq });
      return { color: 31, line: ctx.text('sync.unreachable', { name, why, logged }) };
    }
  }
}
