/**
 * The fixed texts LINE writes instead of content (docs/design/formats.md §1.5; FORMAT.md "Kinds"):
 * media placeholders (the whole body equals the label), call records (sender-attributed), and
 * system lines (joins, leaves, unsends…), whose actor's name sits inside the text.
 */
import type { MessageKind } from '../../core/types.js';

const MEDIA_LABELS: ReadonlySet<string> = new Set([
  '[写真]',
  '[画像]',
  '[Photo]',
  '[動画]',
  '[Video]',
  '[スタンプ]',
  '[Sticker]',
  '[ファイル]',
  '[File]',
  '[ボイスメッセージ]',
  '[音声メッセージ]',
  '[Voice message]',
  '[連絡先]',
  '[Contact]',
  '[位置情報]',
  '[Location]',
  '[投票]',
  '[Poll]',
  '[プレゼント]',
  '[Gift]',
  '[アルバム]',
  '[ノート]',
  '[Notes]',
  // Traditional Chinese (zh-TW) phones; FORMAT.md "Kinds" names the source of each.
  '[照片]',
  '[貼圖]',
  '[影片]',
  '[檔案]',
  '[語音訊息]',
  '[聯絡資訊]',
  '[記事本]',
]);

/** The English desktop app writes bare words; only trusted in desktop exports, where a user typing "Photos" is the rarer case. */
const DESKTOP_MEDIA_LABELS: ReadonlySet<string> = new Set(['Photos', 'Videos', 'Stickers', 'Audio', '圖片', '貼圖']);

/** iPhone writes `☎ ` before the text, Android does not (Kubo-Tech ISSUE13, docs/design/formats.md §1.5 "Calls"). */
const CALL_TEXT =
  /^(?:☎ ?)?(?:(?:通話時間|Call time) ?\d{1,2}:\d{2}(?::\d{2})?|不在着信|通話に応答がありませんでした|通話をキャンセルしました。?|グループ(?:音声|ビデオ)?通話が開始されました。?|グループ(?:音声|ビデオ)?通話が終了しました。?|Missed call|No answer|Cancell?ed call|Group (?:voice |video )?call (?:started|ended)\.?)$/;

function isMediaLabel(body: string, desktop: boolean): boolean {
  return MEDIA_LABELS.has(body) || (desktop && DESKTOP_MEDIA_LABELS.has(body));
}

/** Call records are short; the bound keeps the regex off long bodies. */
export function isCallText(body: string): boolean {
  return body.length <= 40 && CALL_TEXT.test(body);
}

/** The kind of a message that has a sender: a placeholder, a call record, or text. */
export function kindOfSenderBody(body: string, desktop: boolean): MessageKind {
  if (isMediaLabel(body, desktop)) return 'media';
  if (isCallText(body)) return 'call';
  return 'text';
}

/** Name-bearing system texts, matched on their fixed suffix: the name may itself contain が (E5). */
const ACTOR_SUFFIXES: readonly { readonly suffix: string; readonly unsend: boolean }[] = [
  { suffix: 'がメッセージの送信を取り消しました', unsend: true },
  { suffix: 'がメッセージの送信を取り消しました。', unsend: true },
  { suffix: ' unsent a message.', unsend: true },
  { suffix: ' unsent a message', unsend: true },
  { suffix: 'がグループに参加しました。', unsend: false },
  { suffix: 'が参加しました。', unsend: false },
  { suffix: 'がグループを退会しました。', unsend: false },
  { suffix: 'が退会しました。', unsend: false },
  { suffix: 'がアナウンスしました', unsend: false },
  { suffix: ' joined the group.', unsend: false },
  { suffix: ' left the group.', unsend: false },
  { suffix: ' made an announcement', unsend: false },
  // zh-TW writes the name and the text together, with no space: `王小明已收回訊息`.
  { suffix: '已收回訊息', unsend: true },
  { suffix: '加入聊天', unsend: false },
  { suffix: '離開聊天', unsend: false },
];

/** Unsends that name no one (the exporter's own, docs/design/formats.md §1.5 [uncertain]): `sender` stays null. */
const NAMELESS_UNSENDS: ReadonlySet<string> = new Set(['メッセージの送信を取り消しました', 'You unsent a message.', 'Message unsent.', '已收回訊息']);

/** OpenChat kicks wrap the target in U+2068 … U+2069: `A が⁨B⁩をこのオープンチャットから退会させました。` */
const KICK = /^(.+)が\u2068([^\u2069]+)\u2069を.{1,20}から退会させました。?$/;

export interface SystemText {
  readonly kind: MessageKind;
  /** Who the text says acted (the unsender, the one who joined…), isolates removed; null if not named. */
  readonly actor: string | null;
  /** Names the text mentions, for splitting desktop lines (FORMAT.md "Desktop senders"). */
  readonly names: readonly string[];
  /** False when the text is none of the known system texts (it is still a system line if LINE wrote it as one). */
  readonly known: boolean;
}

/** Reads the text of a sender-less line. */
export function readSystemText(text: string): SystemText {
  if (NAMELESS_UNSENDS.has(text)) return { kind: 'unsent', actor: null, names: [], known: true };
  if (isCallText(text)) return { kind: 'call', actor: null, names: [], known: true };
  for (const { suffix, unsend } of ACTOR_SUFFIXES) {
    if (text.length > suffix.length && text.endsWith(suffix)) {
      const actor = withoutIsolates(text.slice(0, -suffix.length));
      return { kind: unsend ? 'unsent' : 'system', actor: actor === '' ? null : actor, names: actor === '' ? [] : [actor], known: true };
    }
  }
  // Kick lines are short; the length bound keeps the regex linear on a long pasted line.
  const kick = text.length <= 300 && text.includes('\u2068') ? KICK.exec(text) : null;
  if (kick) return { kind: 'system', actor: null, names: [withoutIsolates(kick[1]!), kick[2]!], known: true };
  return { kind: 'system', actor: null, names: [], known: false };
}

/** A system line as a message: unsends keep who unsent (sender null if unnamed); the rest have no sender. */
export function systemSender(system: SystemText): string | null {
  return system.kind === 'unsent' ? system.actor : null;
}

/** System lines wrap names in U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE (E4). */
function withoutIsolates(name: string): string {
  return name.startsWith('\u2068') && name.endsWith('\u2069') ? name.slice(1, -1) : name;
}

/**
 * The name in a desktop line that ends with a placeholder or call record (`山田 太郎 ☎ 通話時間 0:54`):
 * the rest before the last such ending is the sender, even when it has spaces.
 */
export function senderBeforeFixedBody(rest: string): string | null {
  // Fixed bodies are at most 40 characters: only the spaces near the end can start one.
  for (let space = rest.indexOf(' ', Math.max(1, rest.length - 41)); space > 0; space = rest.indexOf(' ', space + 1)) {
    const tail = rest.slice(space + 1);
    if (isMediaLabel(tail, true) || isCallText(tail)) return rest.slice(0, space);
  }
  return null;
}
