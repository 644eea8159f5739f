/**
 * Issue 22, break 7: room titles, senders, bodies and file names from an input reached the
 * terminal raw: an escape sequence could clear the screen or retitle the window, a carriage return
 * overwrite a line, a right-to-left override turn "txt.exe" around. What a person reads is now
 * made visible (one function, at the Context every command prints through); the archive and
 * --json keep the exact text.
 */
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { visible } from '../../src/cli/visible.js';
import { cli } from '../support/cli.js';
import { tempArchive } from '../support/temp.js';

const tmp = tempArchive();
afterAll(() => tmp.cleanup());

/** What a terminal would obey: C0 (but newline and tab in kept lines), DEL, C1, bidi controls, line separators. */
const OBEYED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

describe('visible()', () => {
  it('shows escapes, carriage returns and bidi overrides as text', () => {
    expect(visible('a\x1b[2Jb')).toBe('a\\e[2Jb');
    expect(visible('ok\rFAKE')).toBe('ok\\rFAKE');
    expect(visible('\u202Etxt.exe')).toBe('\\u{202E}txt.exe');
    expect(visible('bell\x07\x9b')).toBe('bell\\x07\\x9b');
    expect(visible('two\nlines\tand tab')).toBe('two\\nlines\\tand tab');
    expect(visible('two\nlines\tand tab', { keepLines: true })).toBe('two\nlines\tand tab');
  });

  it('leaves Japanese, emoji (with their joiners) and plain punctuation alone', () => {
    for (const s of ['見積書を送りました（再送）', '👩‍💻 了解です！', 'C:\\Users\\佐藤\\report.pdf']) expect(visible(s)).toBe(s);
  });

  it('never lets a control through, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (s, keepLines) => {
        const out = visible(s, { keepLines });
        expect(OBEYED.test(out)).toBe(false);
        if (!keepLines) expect(out).not.toMatch(/[\n\t]/);
      }),
      { seed: 22, numRuns: 500 },
    );
  });

  it('changes nothing in text that has no control', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        fc.pre(!OBEYED.test(s) && !/[\n\t]/.test(s));
        expect(visible(s)).toBe(s);
      }),
      { seed: 22, numRuns: 500 },
    );
  });
});

describe('names and bodies from an input, printed by the CLI', () => {
  const TITLE = 'EVIL\x1b]0;pwned\x07\u202Etxt.exe';
  const SENDER = 'Mal\x1b[2Jory';
  const BODY = 'pay \x1b[31mnow\x1b[0m\rOVERWRITTEN \u2066hidden\u2069';
  const input = join(tmp.dir, 'hostile.txt');
  writeFileSync(
    input,
    [`[LINE] ${TITLE}とのトーク履歴`, '保存日時：2024/03/02 21:15', '', '2024/03/01(金)', `10:00\t${SENDER}\t${BODY}`, `10:01\t佐藤\tふつうの返事`, ''].join(
      '\n',
    ),
  );

  it('import, rooms and show print no control character; --json and the archive keep the exact text', async () => {
    const imported = await cli(['import', input, '--yes', '--db', tmp.db]);
    expect(imported.code, imported.stderr).toBe(0);
    const printed = [imported.stdout, imported.stderr];
    const rooms = await cli(['rooms', '--db', tmp.db]);
    printed.push(rooms.stdout);
    const roomId = (await cli(['rooms', '--json', '--db', tmp.db])).json<{ rooms: { id: string; title: string }[] }>().rooms[0]!;
    expect(roomId.title).toBe(TITLE);
    const shown = await cli(['show', roomId.id, '--db', tmp.db]);
    expect(shown.code, shown.stderr).toBe(0);
    printed.push(shown.stdout, shown.stderr);
    for (const out of printed) expect(OBEYED.test(out), JSON.stringify(out)).toBe(false);
    expect(shown.stdout).toContain('\\e[2J');
    expect(rooms.stdout).toContain('\\u{202E}txt.exe');
    const json = (await cli(['show', roomId.id, '--json', '--db', tmp.db])).json<{ messages: { sender: string; body: string }[] }>();
    expect(json.messages.map((m) => [m.sender, m.body])).toContainEqual([SENDER, BODY]);
  });

  it('an unknown room named with an escape sequence is echoed visibly in the error', async () => {
    const r = await cli(['show', 'x\x1b]8;;http://evil\x07', '--db', tmp.db]);
    expect(r.code).toBe(2);
    expect(OBEYED.test(r.stderr)).toBe(false);
    expect(r.stderr).toContain('\\e]8;;http://evil\\x07');
  });
});
