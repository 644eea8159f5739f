import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { cli, type CliResult } from '../support/cli.js';

/** The report scenario: two exports of one LINE room, with an unsend and a deletion between them. */
export const scenario = (n: 1 | 2): string => join('test', 'fixtures', 'scenarios', 'line-unsend-and-delete', `capture-${n}.txt`);

export const UNSENT_TEXT = '3/10で大丈夫です。修正は2回まで無料でお願いします';
export const DELETED_TEXT = '追加でもう1点お願いします。同じ単価で';
export const ADDED_LATER = '4点納品しました。ご確認ください';
export const ROOM = '佐藤花子';

export interface ReportJson {
  readonly file: string;
  readonly sha256: string;
  readonly pages: number;
  readonly entry: { readonly seq: number; readonly hash: string };
  readonly timestamp: { readonly genTime: string; readonly verification: { readonly anchor: string; readonly ok: boolean } } | null;
}

export interface VerifyJson {
  readonly ok: boolean;
  readonly checks: readonly { readonly name: string; readonly ok: boolean; readonly detail: string }[];
}

/** Both captures of the scenario imported, plus a note about the room. */
export async function importScenario(db: string): Promise<void> {
  for (const n of [1, 2] as const) expectOk(await cli(['import', scenario(n), '--db', db]));
  expectOk(await cli(['note', ROOM, '2024-03-12 相手がトークルームを退出した', '--db', db]));
}

export function expectOk(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`exit ${r.code}\n${r.stderr}\n${r.stdout}`);
  return r;
}

/** A grey-scale gradient PNG of w × h (RGB, no filter), built chunk by chunk (PNG §5.3). */
export function gradientPng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 3);
    for (let x = 0; x < w; x++) row.fill(Math.round((255 * (x + y)) / (w + h)), 1 + x * 3, 4 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
