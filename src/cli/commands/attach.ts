import { Option, type Command } from 'commander';
import { findRoom } from '../../app/room-arg.js';
import { attachFiles } from '../../app/attach.js';
import { ATTACHMENT_KINDS, type Attachment, type AttachmentKind } from '../../core/entries/attachment.js';
import { humanSize } from '../../attach/size-limit.js';
import { UsageError } from '../../core/errors.js';
import type { HashedMessage } from '../../core/types.js';
import type { EntryRecord } from '../../store/records.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { msg, textsIn } from '../../i18n/message.js';
import { DEFAULT_MAX_SIZE, parseSize } from '../read-input.js';

interface AttachOptions {
  kind: AttachmentKind;
  note?: string;
  hashOnly?: boolean;
  for?: string;
  maxSize?: string;
}

export function registerAttach(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string, string[], AttachOptions]>(
    program,
    runner,
    'attach <room> <files...>',
    tx('help.attach'),
    (c) =>
      c
        .addOption(new Option('--kind <kind>', tx('help.attach.kind')).choices(ATTACHMENT_KINDS).default('other'))
        .option('--note <text>', tx('help.attach.note'))
        .option('--hash-only', tx('help.attach.hash-only'))
        .option('--for <hash>', tx('help.attach.for'))
        .option('--max-size <size>', tx('help.attach.max-size')),
    (ctx, room, files, opts) => runAttach(ctx, room, files, opts),
  );
}

async function runAttach(ctx: Context, roomArg: string, args: string[], opts: AttachOptions): Promise<number> {
  if (opts.note !== undefined && opts.note.trim().length === 0) throw new UsageError(msg('usage.attach-note-empty'));
  const maxSize = opts.maxSize === undefined ? DEFAULT_MAX_SIZE : parseSize(opts.maxSize);
  const archive = ctx.archive();
  const room = findRoom(archive, roomArg);
  const { message, done } = await attachFiles(
    archive,
    {
      room,
      files: args,
      cwd: ctx.io.cwd,
      kind: opts.kind,
      note: opts.note ?? null,
      keep: opts.hashOnly !== true,
      maxSize,
      forMessage: opts.for ?? null,
      signal: ctx.io.signal,
    },
    (d) => warnNotAnImage(ctx, d.arg, d.attachment),
  );
  if (ctx.json) ctx.printJson({ files: done.map(({ attachment, entry }) => ({ ...attachment, entry: { seq: entry.seq, hash: entry.hash } })) });
  else printHuman(ctx, room.title, message, done);
  return EXIT.ok;
}

function warnNotAnImage(ctx: Context, arg: string, a: Attachment): void {
  const what = a.detected === null ? ctx.text('attach.unknown-format') : a.detected.toUpperCase();
  ctx.warn(ctx.text('attach.not-an-image', { file: arg, what }));
}

function printHuman(ctx: Context, roomTitle: string, message: HashedMessage | null, done: readonly { attachment: Attachment; entry: EntryRecord }[]): void {
  ctx.say(ctx.text('attach.done', { title: roomTitle, n: done.length }));
  if (message) {
    const said = `${ctx.time(message.sentAt)} ${message.sender ?? '-'}: ${message.body.replace(/\s+/g, ' ').slice(0, 40)}`;
    ctx.say(ctx.text('attach.for', { said }));
  }
  for (const { attachment: a, entry } of done) {
    ctx.say(`  ${a.name}  ${ctx.text('attach.file', { kind: ctx.text(`attach.kind.${a.kind}`), mime: a.mime, size: humanSize(a.size) })}`);
    ctx.say(`    sha256 ${a.sha256}  ${ctx.text('import.entry', { seq: entry.seq })}`);
    if (!a.bytesKept) {
      ctx.say(ctx.text('attach.hash-only'));
    }
  }
}
