import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatworkJsonImporter, roomIdFromFileName } from '../../../src/importers/chatwork-json/index.js';
import { kindOf } from '../../../src/importers/chatwork-json/messages.js';
import { render } from '../../../src/i18n/message.js';
import { fixtureSample, importerConformance } from '../../support/conformance.js';
import { OPTIONS, decoded } from '../paste/support.js';

const sample = readFileSync('test/fixtures/chatwork/api-window-with-markup/input.json', 'utf8');

importerConformance(
  chatworkJsonImporter,
  [
    fixtureSample(
      'test/fixtures/chatwork/api-window-with-markup/input.json',
      [
        '[To:1234567]山田さん\nLP制作の件、仕様書を送ります。[info][title]仕様[/title]ページ数: 5\n納期: 2024/03/15[/info]',
        '[rp aid=7654321 to=123456-1928374655918273645]佐藤 花子さん\n承知しました。金額は15万円でよろしいでしょうか。',
        'はい、15万円でお願いします。',
        '[qt][qtmeta aid=1234567 time=1709252100]承知しました。金額は15万円でよろしいでしょうか。[/qt]念のため再確認です。',
      ],
      { fileName: 'room-123456.json' },
    ),
    fixtureSample('test/fixtures/chatwork/system-notices/input.json', [
      '[info][title][dtext:chatroom_groupchat_created][/title][dtext:chatroom_chatname_is]案件A[dtext:chatroom_set]\n\n[dtext:chatroom_member_is][piconname:1234567][piconname:7654321][dtext:chatroom_added][/info]',
      '[info][title][dtext:file_uploaded][/title][preview id=1693900000 ht=111][download:1693900000]見積書.pdf (54.2 KB)[/download][/info]',
      '[info][title]議事録[/title]1. 仕様確定[/info]',
      '[info][title][dtext:task_added][/title][task aid=7654321 st=open lt=1710428400 ltype=date]見積書の修正[/task][/info]',
    ]),
    fixtureSample('test/fixtures/chatwork/cut-off-mid-message/input.json', ['最後まで届いたメッセージ']),
    // An empty or blank body is the API's 204, "no messages" (src/importers/chatwork-json/FORMAT.md).
  ],
  { reads: ['empty', 'only blank lines'] },
);

const parse = (text: string, name = 'messages.json') => chatworkJsonImporter.parse(decoded(text, name), OPTIONS);

function apiMessage(id: string, idAsNumber: boolean, body: string, sendTime: number): string {
  const idText = idAsNumber ? id : JSON.stringify(id);
  return `{"message_id":${idText},"account":{"account_id":42,"name":"山田"},"body":${JSON.stringify(body)},"send_time":${sendTime},"update_time":0}`;
}

describe('chatwork-json: message ids stay exact', () => {
  it('keeps any 64-bit id digit for digit, whether it comes as text or as a bare number', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.boolean(), fc.string(), (id, asNumber, body) => {
        const outcome = parse(`[${apiMessage(id.toString(), asNumber, body, 1709251500)}]`);
        if (!outcome.ok) return false;
        const [m] = outcome.result.messages;
        return m?.externalId === id.toString() && m.body === body.replace(/\r\n?/g, '\n');
      }),
      { numRuns: 300 },
    );
  });

  it('warns, with the line, when an id arrives as a number', () => {
    const outcome = parse(`[\n${apiMessage('9007199254740993', true, 'x', 1)}\n]`);
    const warnings = outcome.ok ? outcome.result.warnings : [];
    expect(warnings.map((w) => ({ line: w.line, en: render('en', w.message), ja: render('ja', w.message) }))).toEqual([
      {
        line: 2,
        en: 'message 1: message_id is a number, not text as API v2 sends it; it was read digit by digit, so it is exact',
        ja: '1 件目のメッセージ: message_id が文字列ではなく数値です（API v2 は文字列で送ります）。数字を 1 桁ずつ読んだので、値は正確です。',
      },
    ]);
  });
});

describe('chatwork-json: broken input is explained with line and column', () => {
  it.each([
    ['[\n  {"message_id": "1",, }\n]', 'line 2, column 22'],
    ['[{"message_id": "1"}] trailing', 'more text after the end'],
    ['{"body": "a", "body": "b"}', 'appears twice'],
    ['["\\q"]', 'invalid backslash escape'],
    ['[tru]', 'expected a value'],
    [`${'['.repeat(40)}${']'.repeat(40)}`, 'nested more than 32 levels'],
  ])('%s', (text, words) => {
    const outcome = parse(text);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toContain(words);
  });

  it('refuses a message with a field of the wrong type, naming it', () => {
    const outcome = parse('[{"message_id":"1","account":{"account_id":1,"name":"a"},"body":5,"send_time":1,"update_time":0}]');
    expect(!outcome.ok && outcome.error.message).toBe('The Chatwork message at line 1 cannot be read: message 1: body should be text in "quotes" but is 5.');
    expect(!outcome.ok && render('ja', outcome.error.text)).toBe(
      '1 行目の Chatwork のメッセージを読めません: 1 件目のメッセージの body は "引用符" で囲んだ文字列のはずですが、5 です。',
    );
  });

  it('says in Japanese too which field is missing or not an object', () => {
    const missing = parse('[{"message_id":"1","account":{"name":"a"},"body":"x","send_time":1,"update_time":0}]');
    expect(!missing.ok && render('ja', missing.error.text)).toContain('1 件目のメッセージの account に「account_id」がありません');
    const list = parse('[{"message_id":"1","account":[],"body":"x","send_time":1,"update_time":0}]');
    expect(!list.ok && list.error.message).toContain('message 1: account should be an object {...} but is a list [...]');
    expect(!list.ok && render('ja', list.error.text)).toContain('1 件目のメッセージの account はオブジェクト {...} のはずですが、リスト [...] です');
  });

  it('refuses send times that are not whole epoch seconds', () => {
    const outcome = parse('[{"message_id":"1","account":{"account_id":1,"name":"a"},"body":"x","send_time":1.5,"update_time":0}]');
    expect(!outcome.ok && outcome.error.message).toContain('whole seconds since 1970');
  });
});

describe('chatwork-json: the rest of the contract', () => {
  it('takes the room id from names like room-123456.json or rooms_123456, else null', () => {
    expect(roomIdFromFileName('api-messages-room-123456.json')).toBe('123456');
    expect(roomIdFromFileName('/tmp/x/rooms_987/messages.json')).toBeNull();
    expect(roomIdFromFileName('C:\\dl\\rooms_987_messages.json')).toBe('987');
    expect(roomIdFromFileName('messages.json')).toBeNull();
    expect(roomIdFromFileName(null)).toBeNull();
  });

  it('sniffs API bodies with certainty, empty lists and error answers less', () => {
    expect(chatworkJsonImporter.sniff(decoded(sample, 'a.json')).confidence).toBeGreaterThan(0.9);
    expect(chatworkJsonImporter.sniff(decoded(' [ ] ', 'a.json')).confidence).toBe(0.5);
    expect(chatworkJsonImporter.sniff(decoded('', 'a.json')).confidence).toBe(0.3);
    expect(chatworkJsonImporter.sniff(decoded('', 'a.txt')).confidence).toBe(0);
    expect(chatworkJsonImporter.sniff(decoded('佐藤\n10:12\nx', 'a.txt')).confidence).toBe(0);
  });

  it('classifies bodies wholly made of a [dtext] info block as system notices, uploads as media', () => {
    expect(kindOf('[info][dtext:chatroom_member_is][piconname:7][dtext:chatroom_leaved][/info]')).toBe('system');
    expect(kindOf('[info][title][dtext:file_uploaded][/title][download:1]a.pdf (1 KB)[/download][/info]')).toBe('media');
    expect(kindOf('[info][title]議事録[/title]本文[/info]')).toBe('text');
    expect(kindOf('[info][dtext:x][/info]後ろに本文')).toBe('text');
    expect(kindOf('[info]a[/info][info][dtext:x][/info]')).toBe('text');
  });

  it('reads send_time in --tz and keeps the instant', () => {
    const outcome = chatworkJsonImporter.parse(decoded(sample, 'room-1.json'), { ...OPTIONS, tz: 'UTC' });
    expect(outcome.ok && outcome.result.messages[0]?.sentAt).toBe('2024-03-01T00:05:00Z');
  });
});
