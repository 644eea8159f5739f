/**
 * Chatwork message markup → readable plain text, for reports (docs/design/formats.md §2.7). Pure.
 *
 * Contract: never throws, runs in linear time with no recursion (a body of 10,000 nested `[qt]`
 * renders), and never drops text: only recognised tags are replaced; unknown tags, stray closing
 * tags and unknown `[dtext:…]` keys stay verbatim; an unclosed container runs to the end.
 * The stored body is always the raw markup; this rendering is only for people.
 */

/** `[dtext:KEY]` → Japanese UI text (docs/design/formats.md §2.7 table). Paired keys render their half. */
const DTEXT: Readonly<Record<string, string>> = {
  file_uploaded: 'ファイルをアップロードしました。',
  file_edited: 'ファイル名を編集しました。',
  task_added: 'タスクを追加しました。',
  task_edited: 'タスクを編集しました。',
  task_done: 'タスクを完了しました。',
  task_reverted: 'タスクを未完了に戻しました。',
  task_deleted: 'このタスクは削除されました',
  chatroom_groupchat_created: '新しくグループチャットを作成しました。',
  chatroom_mychat_created: 'マイチャットを作成しました。',
  chatroom_chatname_is: 'チャット名を「',
  chatroom_set: '」に設定しました。',
  chatroom_description_is: '概要を「',
  chatroom_changed: '」に変更しました。',
  chatroom_member_is: 'メンバー「',
  chatroom_added: '」を追加しました。',
  chatroom_leaved: '」が退席しました。',
  chatroom_deleted: '」を削除しました。',
  chatroom_priv_changed: '」の権限を変更しました。',
  chatroom_chat_joined: 'チャットに参加しました。',
  chatroom_chat_edited: 'チャット情報を変更しました。',
  chatroom_icon_updated: 'グループチャットのアイコンを変更しました。',
  chatroom_adminsetting_edited: 'チャット設定を変更しました。',
  chatroom_contact_added: 'コンタクトを追加しました。',
  live_start: 'ChatWork Liveを開始しました',
};

/** Quotes deeper than this are drawn at this depth, so output stays linear in the input. */
const MAX_DRAWN_QUOTE_DEPTH = 8;

/**
 * One recognised tag at a `[`. Attributes may not contain brackets, so a failed match scans no
 * further than the next bracket (linear overall). `[引用 …]` is the localised composer quote (§2.10).
 */
const TAG = /\[(\/?)(toall|to|rp|qtmeta|qt|info|title|hr|code|piconname|picon|pname|download|preview|task|dtext|引用)(?::([^[\]]*)|(\s[^[\]]*))?\]/iy;
const CODE_CLOSE = /\[\/code\]/gi;

type Container = 'quote' | 'info' | 'title' | 'download' | 'task';

const CONTAINER_OF: Readonly<Record<string, Container>> = {
  qt: 'quote',
  引用: 'quote',
  info: 'info',
  title: 'title',
  download: 'download',
  task: 'task',
};

/**
 * Output with per-line quote prefixes written lazily (empty trailing lines get none), and line
 * breaks after blocks deferred until more text follows (no stray newline at the end).
 */
class Writer {
  private readonly parts: string[] = [];
  private atLineStart = true;
  private breakPending = false;
  quoteDepth = 0;

  text(s: string): void {
    let from = 0;
    while (from < s.length) {
      const nl = s.indexOf('\n', from);
      const end = nl === -1 ? s.length : nl;
      if (end > from) this.chunk(s.slice(from, end));
      if (nl === -1) break;
      this.newline();
      from = nl + 1;
    }
  }

  newline(): void {
    this.breakPending = false;
    if (this.atLineStart && this.quoteDepth > 0) this.parts.push(this.prefix().trimEnd());
    this.parts.push('\n');
    this.atLineStart = true;
  }

  /** Starts a new line unless already at the start of one (blocks: quotes, info, rules). */
  breakLine(): void {
    if (!this.atLineStart) this.newline();
  }

  /** Text after a closed block starts on a new line. */
  breakBeforeMore(): void {
    this.breakPending = !this.atLineStart;
  }

  result(): string {
    return this.parts.join('');
  }

  private chunk(s: string): void {
    if (this.breakPending) this.newline();
    if (this.atLineStart && this.quoteDepth > 0) this.parts.push(this.prefix());
    this.parts.push(s);
    this.atLineStart = false;
  }

  private prefix(): string {
    return '> '.repeat(Math.min(this.quoteDepth, MAX_DRAWN_QUOTE_DEPTH));
  }
}

export function renderChatworkMarkup(body: string): string {
  const out = new Writer();
  const stack: Container[] = [];
  const openCount: Record<Container, number> = { quote: 0, info: 0, title: 0, download: 0, task: 0 };
  const open = (c: Container): void => {
    stack.push(c);
    openCount[c] += 1;
    if (c === 'quote') out.quoteDepth += 1;
  };
  /** Closes `c` and any containers left open inside it; false if `c` is not open (stray closer). */
  const close = (c: Container): boolean => {
    if (openCount[c] === 0) return false;
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      openCount[top] -= 1;
      if (top === 'quote') out.quoteDepth -= 1;
      if (top === 'quote' || top === 'info') out.breakBeforeMore();
      if (top === 'title') out.text('】');
      if (top === c) break;
    }
    return true;
  };

  let pos = 0;
  while (pos < body.length) {
    const bracket = body.indexOf('[', pos);
    if (bracket === -1) {
      out.text(body.slice(pos));
      break;
    }
    out.text(body.slice(pos, bracket));
    TAG.lastIndex = bracket;
    const m = TAG.exec(body);
    if (m === null) {
      out.text('[');
      pos = bracket + 1;
      continue;
    }
    const raw = m[0];
    pos = bracket + raw.length;
    const name = (m[2] ?? '').toLowerCase();
    if (m[1] === '/') {
      const c = CONTAINER_OF[name];
      if (c === undefined || !close(c)) out.text(raw);
      continue;
    }
    if (name === 'code') {
      CODE_CLOSE.lastIndex = pos;
      const end = CODE_CLOSE.exec(body);
      out.text(body.slice(pos, end === null ? body.length : end.index));
      pos = end === null ? body.length : end.index + end[0].length;
      continue;
    }
    renderOpenTag(name, m[3] ?? '', m[4] ?? '', raw, out, open);
  }
  return out.result();
}

function renderOpenTag(name: string, arg: string, attrs: string, raw: string, out: Writer, open: (c: Container) => void): void {
  switch (name) {
    case 'to':
      return out.text(arg === '' ? raw : 'To: ');
    case 'toall':
      return out.text('To: 全員');
    case 'rp':
      return out.text('返信: ');
    case 'qt':
    case '引用':
      out.breakLine();
      return open('quote');
    case 'info':
      out.breakLine();
      return open('info');
    case 'title':
      out.text('【');
      return open('title');
    case 'hr':
      out.breakLine();
      out.text('――――――――――');
      return out.breakBeforeMore();
    case 'picon':
    case 'pname':
    case 'piconname':
      return out.text(arg === '' ? raw : `(${arg})`);
    case 'download':
      out.text('ファイル: ');
      return open('download');
    case 'task':
      out.text(/\bst=done\b/.test(attrs) ? 'タスク(完了): ' : 'タスク: ');
      return open('task');
    case 'dtext':
      return out.text(DTEXT[arg] ?? raw);
    default:
      // qtmeta and preview carry only ids and times, no readable text.
      return;
  }
}
