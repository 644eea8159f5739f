import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchRoom, pickRoom, titleKey } from '../../src/app/room-arg.js';
import { describeError, UsageError } from '../../src/core/errors.js';
import type { RoomRecord } from '../../src/store/records.js';
import { Archive } from '../../src/store/archive.js';
import { cli, tempArchive } from '../support/cli.js';
import { msg } from '../support/seed.js';

const room = (id: string, title: string, source: RoomRecord['source'] = 'line'): RoomRecord => ({ id, title, source, externalId: null, createdSeq: 1 });
const MIRAI = room('a1b2c3d4e5f60718', '株式会社ミライ　鈴木');
const SATO = room('a1b2c3ffffffffff', '佐藤花子');
const ABC = room('0123456789abcdef', 'ＡＢＣ Design 案件');
const ROOMS = [MIRAI, SATO, ABC];

function usage(f: () => unknown): UsageError {
  try {
    f();
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error('expected a UsageError');
}

describe('the ROOM rule', () => {
  it('finds a room by id, exact title, and id prefix of six or more', () => {
    expect(pickRoom(ROOMS, MIRAI.id)).toBe(MIRAI);
    expect(pickRoom(ROOMS, '佐藤花子')).toBe(SATO);
    expect(pickRoom(ROOMS, '012345')).toBe(ABC);
  });

  it('finds a room by a unique part of its title, full- and half-width alike', () => {
    expect(pickRoom(ROOMS, '株式会社ミライ')).toBe(MIRAI);
    expect(pickRoom(ROOMS, 'ミライ 鈴木')).toBe(MIRAI); // half-width space against the title's U+3000
    expect(pickRoom(ROOMS, 'abc design')).toBe(ABC); // half-width against the title's full-width ＡＢＣ
    expect(pickRoom(ROOMS, 'ﾐﾗｲ')).toBe(MIRAI); // half-width katakana
  });

  it('a whole title wins over rooms whose titles only contain it', () => {
    const short = room('ffffffffffffffff', '株式会社ミライ');
    expect(pickRoom([...ROOMS, short], '株式会社ミライ')).toBe(short);
  });

  it('an ambiguous part is a usage error listing every candidate and nothing else', () => {
    const e = usage(() => pickRoom([...ROOMS, room('9999999999999999', '株式会社ミライ 田中')], 'ミライ'));
    expect(e.message).toContain('matches more than one room');
    expect(e.message).toContain('株式会社ミライ　鈴木');
    expect(e.message).toContain('株式会社ミライ 田中');
    expect(e.message).not.toContain('佐藤花子');
    expect(
      describeError(
        usage(() => pickRoom(ROOMS, 'a1b2c3')),
        'ja',
      ).message,
    ).toContain('複数あります');
  });

  it('an unknown room lists the rooms; a short id prefix says how long one must be', () => {
    const e = usage(() => pickRoom(ROOMS, 'a1b2'));
    expect(e.message).toContain('at least 6 characters');
    expect(e.message).toContain('佐藤花子');
  });

  it('import --room reaches whole titles only: a new title is not taken for a part of another', () => {
    expect(matchRoom(ROOMS, 'ミライ', 'whole')).toBeNull();
    expect(matchRoom(ROOMS, '株式会社ミライ 鈴木', 'whole')).toBe(MIRAI);
  });

  it('a title always finds its own room by any part of itself, unless another title holds that part too', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), fc.nat(), fc.nat(), fc.nat(), (titles, pick, a, b) => {
        const rooms = titles.map((title, i) => room(`r${String(i).padStart(15, '0')}`, title));
        const target = rooms[pick % rooms.length]!;
        const key = titleKey(target.title);
        const [from, to] = [a % (key.length + 1), b % (key.length + 1)].sort((x, y) => x - y) as [number, number];
        const part = key.slice(from, to);
        if (part.trim() === '' || part !== part.trim()) return;
        const holders = rooms.filter((r) => titleKey(r.title) === titleKey(part) || r.title === part || titleKey(r.title).includes(titleKey(part)));
        const whole = rooms.filter((r) => r.title === part || titleKey(r.title) === titleKey(part));
        if (whole.length > 0 || holders.length !== 1) return;
        expect(pickRoom(rooms, part)).toBe(target);
      }),
    );
  });
});

describe('the ROOM rule through the CLI', () => {
  let tmp: ReturnType<typeof tempArchive>;
  beforeEach(() => {
    tmp = tempArchive();
    const a = Archive.open(tmp.db);
    try {
      for (const title of ['株式会社ミライ 鈴木', '株式会社ミライ 田中', '佐藤花子']) {
        a.recordCapture({
          room: { source: 'line', externalId: null, title },
          raw: Buffer.from(title),
          format: 'line',
          variant: 'line/test',
          parserVersion: 'line@1',
          tz: 'Asia/Tokyo',
          coverageKind: 'full',
          messages: [msg('2024-03-01T09:05:00+09:00', '佐藤花子', title)],
        });
      }
    } finally {
      a.close();
    }
  });
  afterEach(() => tmp.cleanup());

  it('`captures` finds a room by a unique part of its title (full-width input)', async () => {
    const r = await cli(['captures', 'ミライ　鈴木', '--json', '--db', tmp.db]);
    expect(r.code).toBe(0);
    expect(r.json<{ room: { title: string } }>().room.title).toBe('株式会社ミライ 鈴木');
  });

  it('an ambiguous part exits 2 and lists the candidates', async () => {
    const r = await cli(['captures', '株式会社ミライ', '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('株式会社ミライ 鈴木');
    expect(r.stderr).toContain('株式会社ミライ 田中');
    expect(r.stderr).not.toContain('佐藤花子');
  });
});
