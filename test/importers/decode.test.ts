/**
 * decodeInput (src/importers/decode.ts), splitLines and LineIndex (src/importers/lines.ts): every encoding a chat export arrives in,
 * damaged UTF-8 named line by line, binary files refused with words a non-programmer understands.
 */
import { render } from '../../src/i18n/message.js';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { decodeInput } from '../../src/importers/decode.js';
import { textHead } from '../../src/importers/importer.js';
import { LineIndex, splitLines } from '../../src/importers/lines.js';
import { hasCrlfRecords } from '../../src/importers/line/records.js';

const TEXT = '[LINE] 佐藤花子とのトーク履歴\r\n保存日時：2024/03/02 21:15\r\n\r\n2024/03/01(金)\r\n09:05\t佐藤花子\t①見積書を送りました～\r\n';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

function refusal(bytes: Uint8Array, name: string | null = 'chat.txt'): InputError {
  try {
    decodeInput(bytes, name);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('decodeInput accepted the input');
}

describe('decodeInput: encodings', () => {
  it('reads UTF-8 without a BOM as is, and keeps the original bytes', () => {
    const bytes = utf8(TEXT);
    const d = decodeInput(bytes, 'chat.txt');
    expect(d).toMatchObject({ text: TEXT, encoding: 'utf-8', name: 'chat.txt', decodeWarnings: [] });
    expect(d.bytes).toBe(bytes);
  });

  it('removes a UTF-8 BOM from the text (the bytes keep it)', () => {
    const d = decodeInput(concat([0xef, 0xbb, 0xbf], utf8(TEXT)), null);
    expect(d).toMatchObject({ text: TEXT, encoding: 'utf-8-bom' });
    expect(d.bytes[0]).toBe(0xef);
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decodeInput(concat([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le')), null)).toMatchObject({ text: TEXT, encoding: 'utf-16le', decodeWarnings: [] });
    expect(decodeInput(concat([0xfe, 0xff], iconv.encode(TEXT, 'utf-16be')), null)).toMatchObject({ text: TEXT, encoding: 'utf-16be', decodeWarnings: [] });
  });

  it('recognises UTF-16 without a BOM by where its NUL bytes fall', () => {
    expect(decodeInput(iconv.encode(TEXT, 'utf-16le'), null)).toMatchObject({ text: TEXT, encoding: 'utf-16le-nobom' });
    expect(decodeInput(iconv.encode(TEXT, 'utf-16be'), null)).toMatchObject({ text: TEXT, encoding: 'utf-16be-nobom' });
  });

  it('recognises BOM-less UTF-16 of long Japanese messages, with few ASCII characters', () => {
    const text = `2024/03/01(金)\n09:05\t佐藤花子\t${'見積書の件、承知いたしました。'.repeat(20)}\n`;
    expect(decodeInput(iconv.encode(text, 'utf-16le'), null)).toMatchObject({ text, encoding: 'utf-16le-nobom' });
  });

  it('warns when UTF-16 ends with half a character', () => {
    const d = decodeInput(concat([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le'), [0x41]), null);
    expect(d.text).toBe(TEXT);
    expect(d.decodeWarnings.map((w) => ({ line: w.line, message: render('en', w.message) }))).toEqual([
      { line: 5, message: expect.stringContaining('half a character') },
    ]);
    expect(render('ja', d.decodeWarnings[0]!.message)).toContain('文字の途中で終わっています');
  });

  it('reads a file re-saved by Windows Notepad as Shift_JIS (CP932: ① and ～ included)', () => {
    expect(decodeInput(iconv.encode(TEXT, 'cp932'), 'chat.txt')).toMatchObject({ text: TEXT, encoding: 'shift_jis', decodeWarnings: [] });
  });

  it('reads short Shift_JIS text that chardet ranks below a Cyrillic code page', () => {
    const short = '09:05\t佐藤\tおはよう\n';
    expect(decodeInput(iconv.encode(short, 'cp932'), null)).toMatchObject({ text: short, encoding: 'shift_jis' });
  });

  it('reads EUC-JP', () => {
    const text = TEXT.replace('①', '').replace('～', '');
    expect(decodeInput(iconv.encode(text, 'euc-jp'), null)).toMatchObject({ text, encoding: 'euc-jp' });
  });

  it('reads an empty input as empty UTF-8 text (an API may answer with no body)', () => {
    expect(decodeInput(new Uint8Array(0), null)).toMatchObject({ text: '', encoding: 'utf-8', decodeWarnings: [] });
  });
});

describe('decodeInput: damaged UTF-8', () => {
  it('replaces invalid sequences with U+FFFD and names each damaged line', () => {
    const lines = TEXT.split('\r\n');
    const bytes = concat(
      utf8(`${lines.slice(0, 1).join('\r\n')}\r\n`),
      [0xe3, 0x81],
      utf8(`${lines.slice(1, 4).join('\r\n')}\r\n`),
      [0xff],
      utf8(`${lines.slice(4).join('\r\n')}`),
    );
    const d = decodeInput(bytes, null);
    expect(d.encoding).toBe('utf-8');
    expect(d.text.split('\ufffd')).toHaveLength(3);
    expect(d.decodeWarnings.map((w) => w.line)).toEqual([2, 5]);
    expect(render('en', d.decodeWarnings[0]!.message)).toContain('not valid UTF-8');
    expect(render('ja', d.decodeWarnings[0]!.message)).toContain('UTF-8 として正しくないバイト');
  });

  it('names the first 20 damaged lines, then sums up the rest on one warning', () => {
    const bytes = concat(...Array.from({ length: 30 }, () => concat(utf8('日本語のテキスト'), [0xff], utf8('\n'))));
    const lines = decodeInput(bytes, null).decodeWarnings.map((w) => w.line);
    expect(lines).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), 21]);
  });
});

describe('decodeInput: binary files are refused with what they look like', () => {
  const cases: [string, Uint8Array, string][] = [
    ['PNG', concat([0x89], utf8('PNG\r\n\x1a\n'), [0, 0, 0, 13]), 'This file looks like a PNG image, not a chat export.'],
    ['JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'This file looks like a JPEG photo, not a chat export.'],
    ['ZIP', concat(utf8('PK'), [3, 4, 20, 0]), 'This file looks like a ZIP archive (or a Word/Excel file, which are ZIP inside), not a chat export.'],
    ['PDF', utf8('%PDF-1.7\n'), 'This file looks like a PDF document, not a chat export.'],
    ['HEIC', concat([0, 0, 0, 0x18], utf8('ftypheic')), 'This file looks like a photo or video (HEIC/MP4/MOV), not a chat export.'],
  ];
  for (const [kind, bytes, message] of cases) {
    it(kind, () => {
      const e = refusal(bytes);
      expect(e.message).toBe(message);
      expect(e.where).toBe('chat.txt');
      expect(e.hint).toContain('トーク履歴を送信');
    });
  }

  it('refuses NUL bytes outside UTF-16, naming the line', () => {
    const e = refusal(utf8('2024/03/01(金)\n09:05\tA\u0000B\tC\n'));
    expect(e.message).toBe('This file contains binary data (a NUL byte on line 2), so it is not a chat export saved as text.');
    expect(e.where).toBe('chat.txt:2');
  });

  it('never throws anything but an InputError, on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        try {
          decodeInput(bytes, null);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('decodes any UTF-8 text without a NUL to itself, with no warning', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }).filter((s) => !s.includes('\u0000')),
        (s) => {
          const text = `x${s}`;
          expect(decodeInput(utf8(text), null)).toMatchObject({ text, encoding: 'utf-8', decodeWarnings: [] });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitLines', () => {
  it("keeps each line's terminator; a lone CR is content; a final break adds no empty line", () => {
    expect(splitLines('a\r\nb\nc\rd\n\ne')).toEqual([
      { text: 'a', number: 1, terminator: '\r\n' },
      { text: 'b', number: 2, terminator: '\n' },
      { text: 'c\rd', number: 3, terminator: '\n' },
      { text: '', number: 4, terminator: '\n' },
      { text: 'e', number: 5, terminator: '' },
    ]);
    expect(splitLines('a\n')).toEqual([{ text: 'a', number: 1, terminator: '\n' }]);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\r\n')).toEqual([{ text: '', number: 1, terminator: '\r\n' }]);
  });

  it('gives back the text when lines and terminators are joined', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '日', '\r', '\n', '\t', ' ') }), (text) => {
        expect(
          splitLines(text)
            .map((l) => l.text + l.terminator)
            .join(''),
        ).toBe(text);
      }),
    );
  });
});

describe('decodeInput: valid UTF-8 stays bytes until its text is read', () => {
  it('gives the bytes after any BOM, the text made from them, and a head equal to the text sliced', () => {
    const head = fc.string({ unit: fc.constantFrom('a', '日', '\r', '\n', '😀', '\u00e9') });
    fc.assert(
      fc.property(head, fc.boolean(), fc.nat(40), (text, bom, chars) => {
        const bytes = bom ? concat([0xef, 0xbb, 0xbf], utf8(text)) : utf8(text);
        const d = decodeInput(bytes, null, 0);
        expect(d.utf8).toEqual(utf8(text));
        expect(d.encoding).toBe(bom ? 'utf-8-bom' : 'utf-8');
        expect(textHead(d, chars)).toBe(text.slice(0, chars));
        expect(d.text).toBe(text);
      }),
    );
  });

  it('decodes at once below the size given (LAZY_TEXT_FROM by default), and keeps the bytes from there on', () => {
    const text = '[LINE] 日本語\n'.repeat(20);
    const size = utf8(text).length;
    expect(decodeInput(utf8(text), null, size + 1)).toEqual({ bytes: utf8(text), text, encoding: 'utf-8', name: null, decodeWarnings: [] });
    expect(decodeInput(utf8(text), null, size).utf8).toEqual(utf8(text));
  });

  it('leaves `utf8` out where the bytes are not valid UTF-8', () => {
    expect(decodeInput(iconv.encode(TEXT, 'cp932'), null, 0).utf8).toBeUndefined();
    expect(decodeInput(concat([0xff, 0xfe], iconv.encode(TEXT, 'utf-16le')), null, 0).utf8).toBeUndefined();
  });
});

describe('LineIndex', () => {
  const lineText = fc.string({ unit: fc.constantFrom('a', '日', '\r', '\n', '\t', ' ', '😀') });

  it('reads the same lines as splitLines, one at a time, and nothing past either end', () => {
    fc.assert(
      fc.property(lineText, (text) => {
        const index = LineIndex.ofText(text);
        const split = splitLines(text);
        expect(index.length).toBe(split.length);
        expect(Array.from({ length: index.length }, (_, i) => index.at(i))).toEqual(split);
        expect(index.at(-1)).toBeUndefined();
        expect(index.at(index.length)).toBeUndefined();
      }),
    );
    expect(LineIndex.ofText('a\r\nb\nc\rd\n\ne').at(2)).toEqual({ text: 'c\rd', number: 3, terminator: '\n' });
  });

  it('reads the same lines from UTF-8 bytes as from the decoded text', () => {
    fc.assert(
      fc.property(lineText, (text) => {
        const fromText = LineIndex.ofText(text);
        const fromBytes = LineIndex.ofUtf8(utf8(text));
        expect(fromBytes.length).toBe(fromText.length);
        for (let i = -1; i <= fromText.length; i++) {
          expect(fromBytes.at(i)).toEqual(fromText.at(i));
          if (i >= 0 && i < fromText.length) expect(fromBytes.terminatorAt(i)).toBe(fromText.terminatorAt(i));
        }
      }),
    );
  });

  it('reads the start of a line as a prefix of the line, whole where it is short, never half a character', () => {
    fc.assert(
      fc.property(lineText, fc.integer({ min: 1, max: 12 }), (text, size) => {
        for (const index of [LineIndex.ofText(text), LineIndex.ofUtf8(utf8(text))]) {
          for (let i = 0; i < index.length; i++) {
            const line = index.at(i)!.text;
            const head = index.headAt(i, size);
            expect(line.startsWith(head.text)).toBe(true);
            expect(head.whole).toBe(head.text === line);
            expect(head.text.length).toBeGreaterThanOrEqual(Math.min(line.length, Math.floor(size / 4)));
            expect(/[\ud800-\udbff]$/.test(head.text) && !head.whole).toBe(false);
          }
        }
      }),
    );
  });

  it('reads the same lines from UTF-8 bytes in a long text, in any order of reading', () => {
    const line = fc.string({ unit: fc.constantFrom('a', '日', '\r', '\t', '😀'), maxLength: 6 });
    const lines = fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { minLength: 200, maxLength: 900 });
    fc.assert(
      fc.property(lines, fc.boolean(), fc.integer(), (parts, lastBreak, seed) => {
        const text = parts.map(([l, eol]) => l + eol).join('') + (lastBreak ? '' : 'end');
        const fromText = LineIndex.ofText(text);
        const fromBytes = LineIndex.ofUtf8(utf8(text));
        const order = Array.from({ length: fromText.length }, (_, i) => i);
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.abs(seed * (i + 7)) % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        for (const i of [...order, ...order.slice().sort((a, b) => a - b)]) expect(fromBytes.at(i)).toEqual(fromText.at(i));
      }),
      { numRuns: 30 },
    );
  });

  it('tells CRLF records with bare LFs inside (LINE E3) from the text as the split lines do', () => {
    const fromLines = (text: string): boolean => {
      const lines = splitLines(text);
      return lines[0]?.terminator === '\r\n' && lines.some((l) => l.terminator === '\n');
    };
    fc.assert(
      fc.property(lineText, (text) => {
        expect(hasCrlfRecords(LineIndex.ofText(text))).toBe(fromLines(text));
      }),
    );
    expect(hasCrlfRecords(LineIndex.ofText('h\r\n"a\nb"\r\n'))).toBe(true);
    expect(hasCrlfRecords(LineIndex.ofText('h\r\na\r\n'))).toBe(false);
    expect(hasCrlfRecords(LineIndex.ofText('\nh\r\n'))).toBe(false);
  });
});
