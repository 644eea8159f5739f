/**
 * A Chatwork message list as the API v2 sends it (src/importers/chatwork-json/FORMAT.md):
 * compact JSON, ids as strings, epoch seconds, markup kept raw (`[To:…]`, `[info]…[/info]`,
 * `[rp …]`), newlines as `\n` escapes. The room id is in the file name, as FORMAT.md advises.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { MEMBERS, multiLineBody, singleLineBody } from './corpus.js';
import { Rng } from './rng.js';
import type { WrittenExport } from './line.js';

export const CHATWORK_ROOM_ID = '381234567';

const ACCOUNTS = MEMBERS.map((name, k) => ({
  account_id: 1_000_001 + k * 7919,
  name,
  avatar_image_url: `https://appdata.chatwork.com/avatar/ico_${k}.rsz.png`,
}));

function body(rng: Rng, i: number): string {
  const r = rng.next();
  if (r < 0.05) return `[info][title]議事録[/title]${multiLineBody(rng).join('\n')}[/info]`;
  if (r < 0.15) {
    const to = rng.pick(ACCOUNTS);
    return `[To:${to.account_id}]${to.name}さん\n${singleLineBody(rng)}`;
  }
  if (r < 0.2 && i > 0) {
    const to = rng.pick(ACCOUNTS);
    return `[rp aid=${to.account_id} to=${CHATWORK_ROOM_ID}-${1_700_000_000_000_000_000n + BigInt(i - 1)}]${to.name}さん\n${singleLineBody(rng)}`;
  }
  if (r < 0.22) return `[info][title][dtext:file_uploaded][/title][download:${1200 + i}]見積書_v${(i % 9) + 1}.pdf (182.4 KB)[/download][/info]`;
  return singleLineBody(rng);
}

/** `room-<id>.json` in `dir`'s path; `messages` objects, one minute or so apart. */
export function writeChatworkList(path: string, messages: number, seed = 7): WrittenExport {
  const rng = new Rng(seed);
  const fd = openSync(path, 'w');
  let bytes = writeSync(fd, '[');
  let chunk = '';
  let t = 1_650_000_000;
  for (let i = 0; i < messages; i++) {
    t += rng.int(5, 300);
    const edited = rng.chance(0.03) ? t + rng.int(60, 3600) : 0;
    const m = {
      message_id: String(1_700_000_000_000_000_000n + BigInt(i)),
      account: rng.pick(ACCOUNTS),
      body: body(rng, i),
      send_time: t,
      update_time: edited,
    };
    chunk += (i === 0 ? '' : ',') + JSON.stringify(m);
    if (chunk.length > 1 << 19) {
      bytes += writeSync(fd, chunk);
      chunk = '';
    }
  }
  bytes += writeSync(fd, chunk + ']');
  closeSync(fd);
  return { path, messages, bytes };
}
