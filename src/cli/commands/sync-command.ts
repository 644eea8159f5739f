/** `chatproof sync`: what runs once the command is chosen (sync.ts registers it). */
import { InterruptedError, UsageError } from '../../core/errors.js';
import { isoInZone } from '../../core/time.js';
import { ChatworkClient, DEFAULT_API_BASE, TokenRefusedError } from '../../sync/chatwork-client.js';
import { isTransient, parseInterval, repeatEvery } from '../../sync/every.js';
import { systemClock } from '../../sync/retry.js';
import type { RoomOutcome } from '../../sync/types.js';
import type { SyncProgress, SyncRequest } from '../../sync/sync-run.js';
import type { Archive } from '../../store/archive.js';
import { changesForCapture } from '../../app/changes.js';
import { EXIT } from '../exit-codes.js';
import type { Context } from '../context.js';
import { captureJson, roomJson } from '../json-shapes.js';
import { t } from '../../i18n/lang.js';

export interface SyncOptions {
  room: string[];
  always?: boolean;
  every?: string;
  downloadFiles?: boolean;
}

export async function runSyncCommand(ctx: Context, service: string, opts: SyncOptions): Promise<number> {
  if (service !== 'chatwork') throw new UsageError(`chatproof can sync "chatwork" only, not "${service}".`, { hint: 'Other chats are kept with `chatproof import`.' });
  const request: SyncRequest = { roomIds: opts.room.map(roomIdArg), tz: ctx.tz, always: opts.always ?? false, downloadFiles: opts.downloadFiles ?? false };
  const interval = opts.every === undefined ? null : parseInterval(opts.every);
  const client = new ChatworkClient({
    baseUrl: apiBase(ctx.io.env),
    token: apiToken(ctx),
    signal: ctx.io.signal,
    onWait: (ms, why) => ctx.warn(t(ctx.lang, { ja: `待機 ${Math.ceil(ms / 1000)} 秒: ${why}（Ctrl-C で中止）`, en: `Waiting ${Math.ceil(ms / 1000)} s: ${why} (Ctrl-C stops)` })),
  });
  const archive = ctx.archive({ create: true });
  const pass = (): Promise<void> => syncPass(ctx, archive, client, request, interval !== null);
  if (interval === null) {
    await pass();
    return 0;
  }
  try {
    return await repeatEvery(interval, ctx.io.signal, systemClock, async () => {
      try {
        await pass();
      } catch (e) {
        if (!isTransient(e)) throw e;
        ctx.warn(t(ctx.lang, { ja: `今回の同期は失敗しました: ${e.message} 次回また試します。`, en: `This sync failed: ${e.message} Trying again next time.` }));
      }
      const next = isoInZone(new Date(Date.now() + interval).toISOString(), ctx.tz);
      ctx.warn(t(ctx.lang, { ja: `次の同期: ${next}（Ctrl-C で終了）`, en: `Next sync at ${next} (Ctrl-C stops)` }));
    });
  } catch (e) {
    if (!(e instanceof InterruptedError)) throw e;
    ctx.warn(t(ctx.lang, { ja: '停止しました。記録済みのルームはそのまま残っています。', en: 'Stopped. Every room recorded so far stays recorded.' }));
    return EXIT.interrupted;
  }
}

/** One pass; on failure, says which rooms were recorded before it, then lets the error through. */
async function syncPass(ctx: Context, archive: Archive, client: ChatworkClient, request: SyncRequest, repeating: boolean): Promise<void> {
  // Loaded here, not at start-up: it pulls in the importers, and with them iconv-lite and chardet (issue 8).
  const { newProgress, runSync } = await import('../../sync/sync-run.js');
  const progress = newProgress((o) => {
    if (!ctx.json) {
      const { line, color } = roomLine(ctx, archive, o);
      ctx.say(line, color);
    }
    for (const w of o.warnings) ctx.warn(`${t(ctx.lang, { ja: '注意', en: 'warning' })}: ${w}`);
  });
  try {
    await runSync(archive, client, request, ctx.io.signal, progress);
  } catch (e) {
    reportPartial(ctx, archive, progress, repeating);
    if (e instanceof TokenRefusedError) throw tokenRefused(ctx, e);
    throw e;
  }
  if (ctx.json) printDoc(ctx, { rooms: progress.done.map((o) => outcomeJson(archive, o)) }, repeating);
  else if (progress.done.length === 0) ctx.say(t(ctx.lang, { ja: '同期するルームがありません。', en: 'No rooms to sync.' }));
}

function reportPartial(ctx: Context, archive: Archive, progress: SyncProgress, repeating: boolean): void {
  const doneIds = new Set(progress.done.map((o) => o.externalId));
  const notDone = progress.planned.filter((r) => !doneIds.has(r.externalId)).map((r) => r.externalId);
  if (ctx.json) printDoc(ctx, { rooms: progress.done.map((o) => outcomeJson(archive, o)), incomplete: true, notSynced: notDone }, repeating);
  if (progress.planned.length === 0) return;
  const done = progress.done.map((o) => `${o.title} (${o.externalId})`).join(', ') || t(ctx.lang, { ja: 'なし', en: 'none' });
  ctx.warn(t(ctx.lang, {
    ja: `途中で止まりました。完了したルーム（記録済み）: ${done}。未同期: ${notDone.join(', ') || 'なし'}。`,
    en: `The sync stopped part-way. Rooms done (and recorded): ${done}. Not synced: ${notDone.join(', ') || 'none'}.`,
  }));
}

/** `--json`: one document; with `--every`, one compact document per line and pass. */
function printDoc(ctx: Context, doc: Record<string, unknown>, repeating: boolean): void {
  if (repeating) ctx.io.stdout.write(JSON.stringify(doc) + '\n');
  else ctx.printJson(doc);
}

function outcomeJson(archive: Archive, o: RoomOutcome): Record<string, unknown> {
  const files = o.files && {
    added: o.files.added.length, removed: o.files.removed.length, changed: o.files.changed.length, notCovered: o.files.notCovered.length,
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
    warnings: o.warnings,
  };
}

function roomLine(ctx: Context, archive: Archive, o: RoomOutcome): { line: string; color?: number } {
  const name = `${o.title} (${o.externalId})`;
  switch (o.status) {
    case 'captured': {
      const n = o.capture!.messageCount;
      const c = changesForCapture(archive, o.room!.id, o.capture!.id);
      const counts = (['added', 'edited', 'deleted', 'unsent'] as const).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`).join(', ');
      const gone = o.files?.removed.map((f) => f.name) ?? [];
      return { color: 32, line: t(ctx.lang, {
        ja: `記録: ${name} ${n} 件（${o.reasons.join(', ')}）${counts ? ` ${counts}` : ''}${gone.length > 0 ? ` — 消えたファイル: ${gone.join(', ')}` : ''}`,
        en: `recorded ${name}: ${n} message${n === 1 ? '' : 's'} (${o.reasons.join(', ')})${counts ? ` ${counts}` : ''}${gone.length > 0 ? ` — files gone: ${gone.join(', ')}` : ''}`,
      }) };
    }
    case 'unchanged':
      return { line: t(ctx.lang, { ja: `変化なし: ${name}`, en: `no change: ${name}` }) };
    case 'unreachable': {
      const why = `${o.refusal!.status} ${o.refusal!.detail}`;
      const logged = o.entry === null
        ? t(ctx.lang, { ja: 'アーカイブにないルームのため記録なし', en: 'not in the archive, nothing recorded' })
        : t(ctx.lang, { ja: `記録 #${o.entry.seq}`, en: `logged as entry #${o.entry.seq}` });
      return { color: 31, line: t(ctx.lang, { ja: `アクセス不可: ${name} — ${why}（${logged}）`, en: `unreachable: ${name} — ${why} (${logged})` }) };
    }
  }
}

/** The token: from the environment only, never stored, never printed (not even in this error). */
function apiToken(ctx: Context): string {
  const token = (ctx.io.env['CHATWORK_API_TOKEN'] ?? '').trim();
  if (token === '') {
    throw new UsageError(t(ctx.lang, { ja: 'CHATWORK_API_TOKEN が設定されていません。', en: 'CHATWORK_API_TOKEN is not set.' }), { hint: TOKEN_HINT[ctx.lang] });
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UsageError(t(ctx.lang, { ja: 'CHATWORK_API_TOKEN に使えない文字（空白や改行など）が含まれています。', en: 'CHATWORK_API_TOKEN contains characters a token cannot have (spaces, line breaks, non-ASCII).' }), { hint: TOKEN_HINT[ctx.lang] });
  }
  return token;
}

const TOKEN_HINT = {
  ja: 'Chatwork 右上の利用者名 → サービス連携 → API Token でトークンを確認し、export CHATWORK_API_TOKEN=トークン としてから実行してください（組織アカウントは管理者の承認が必要な場合があります）。',
  en: 'In Chatwork, open your name (top right) → サービス連携 (Service integration) → API Token, copy the token, run `export CHATWORK_API_TOKEN=...`, then run the sync again (organisation accounts may need their admin\'s approval).',
};

/** Same class (so `--every` still stops on it), in the user's language. */
function tokenRefused(ctx: Context, e: TokenRefusedError): TokenRefusedError {
  return new TokenRefusedError(t(ctx.lang, { ja: 'Chatwork が API トークンを拒否しました（401）。', en: e.message }), { hint: TOKEN_HINT[ctx.lang] });
}

function apiBase(env: NodeJS.ProcessEnv): string {
  const base = env['CHATWORK_API_BASE']?.trim() || DEFAULT_API_BASE;
  if (!/^https?:\/\/[^/]/i.test(base)) throw new UsageError(`CHATWORK_API_BASE must be a web address like ${DEFAULT_API_BASE}, not "${base}".`);
  return base;
}

/** `123456`, or `rid123456` as the room's address shows it. */
function roomIdArg(arg: string): string {
  const m = /^(?:rid)?(\d+)$/i.exec(arg.trim());
  if (!m) throw new UsageError(`--room takes a Chatwork room id (digits), not "${arg}".`, { hint: 'The id is the number after "rid" in the room\'s address, e.g. https://www.chatwork.com/#!rid123456 → 123456.' });
  return m[1]!;
}
