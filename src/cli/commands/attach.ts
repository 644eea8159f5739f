import { Option, type Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import { attachFiles } from '../../app/attach.js';
import { ATTACHMENT_KINDS, type Attachment, type AttachmentKind } from '../../attach/payload.js';
import { humanSize } from '../../attach/size-limit.js';
import { UsageError } from '../../core/errors.js';
import type { HashedMessage } from '../../core/types.js';
import type { EntryRecord } from '../../store/records.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { t } from '../../i18n/lang.js';
import { DEFAULT_MAX_SIZE, parseSize } from '../read-input.js';

interface AttachOptions {
  kind: AttachmentKind;
  note?: string;
  hashOnly?: boolean;
  for?: string;
  maxSize?: string;
}

export function registerAttach(program: Command, runner: Runner): void {
  defineCommand<[string, string[], AttachOptions]>(
    program, runner, 'attach <room> <files...>',
    'keep files (deliverables, screenshots) as evidence of a room: their bytes and SHA-256, one log entry each / ファイルを証拠として保存',
    (c) => c
      .addOption(new Option('--kind <kind>', 'what the files are').choices(ATTACHMENT_KINDS).default('other'))
      .option('--note <text>', 'a note kept with each file, e.g. "納品物 v2, sent by email on 3/10"')
      .option('--hash-only', 'record the SHA-256 and size without keeping the bytes (files too large or too private to keep)')
      .option('--for <hash>', 'the message the files belong to (a LINE [ファイル] / [写真] line): its hash, or a unique prefix of 8+ characters')
      .option('--max-size <size>', 'largest total of kept bytes in one call (default 256MB, at most 500MB)'),
    (ctx, room, files, opts) => runAttach(ctx, room, files, opts),
  );
}

async function runAttach(ctx: Context, roomArg: string, args: string[], opts: AttachOptions): Promise<number> {
  if (opts.note !== undefined && opts.note.trim().length === 0) throw new UsageError('--note is empty: write the note in quotes, or leave --note out.');
  const maxSize = opts.maxSize === undefined ? DEFAULT_MAX_SIZE : parseSize(opts.maxSize);
  const archive = ctx.archive();
  const room = findRoom(archive, roomArg);
  const { message, done } = await attachFiles(archive, {
    room, files: args, cwd: ctx.io.cwd, kind: opts.kind, note: opts.note ?? null, keep: opts.hashOnly !== true, maxSize,
    forMessage: opts.for ?? null, signal: ctx.io.signal,
  }, (d) => warnNotAnImage(ctx, d.arg, d.attachment));
  if (ctx.json) ctx.printJson({ files: done.map(({ attachment, entry }) => ({ ...attachment, entry: { seq: entry.seq, hash: entry.hash } })) });
  else printHuman(ctx, room.title, message, done);
  return EXIT.ok;
}

function warnNotAnImage(ctx: Context, arg: string, a: Attachment): void {
  const what = a.detected === null ? t(ctx.lang, { ja: '不明な形式', en: 'no known image format' }) : a.detected.toUpperCase();
  ctx.warn(t(ctx.lang, {
    ja: `注意: ${arg} は中身が画像ではありません（${what}）。「スクリーンショット」ではなく「その他」として保存します。`,
    en: `warning: ${arg} is not an image by its bytes (${what}), so it is kept as "other", not "screenshot".`,
  }));
}

const KIND_JA: Readonly<Record<AttachmentKind, string>> = { deliverable: '納品物', screenshot: 'スクリーンショット', other: 'その他' };

function printHuman(ctx: Context, roomTitle: string, message: HashedMessage | null, done: readonly { attachment: Attachment; entry: EntryRecord }[]): void {
  ctx.say(t(ctx.lang, { ja: `ルーム「${roomTitle}」に ${done.length} 件のファイルを保存しました。`, en: `Attached ${done.length} file(s) to room "${roomTitle}".` }));
  if (message) {
    const said = `${message.sentAt} ${message.sender ?? '-'}: ${message.body.replace(/\s+/g, ' ').slice(0, 40)}`;
    ctx.say(t(ctx.lang, { ja: `  対応するメッセージ: ${said}`, en: `  for the message: ${said}` }));
  }
  for (const { attachment: a, entry } of done) {
    const kind = ctx.lang === 'ja' ? KIND_JA[a.kind] : a.kind;
    ctx.say(`  ${a.name}  (${kind}, ${a.mime}, ${humanSize(a.size)})`);
    ctx.say(`    sha256 ${a.sha256}  entry #${entry.seq}`);
    if (!a.bytesKept) {
      ctx.say(t(ctx.lang, {
        ja: '    ハッシュのみ記録（中身は保存していません）。元のファイルは別の場所に大切に保管してください。',
        en: '    hash only: the bytes were not kept. Keep the file itself safe; its SHA-256 proves it is the same file.',
      }));
    }
  }
}
