import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError, describeError } from '../../src/core/errors.js';
import { langFlagIn, resolveLang } from '../../src/i18n/lang.js';
import { msg, render } from '../../src/i18n/message.js';

const never = (): string => {
  throw new Error('the system locale was asked although the environment names one');
};

describe('the language of human output', () => {
  it('takes --lang first, then CHATPROOF_LANG, then LC_ALL, LC_MESSAGES, LANG in that order', () => {
    expect(resolveLang('en', { CHATPROOF_LANG: 'ja', LANG: 'ja_JP.UTF-8' }, never)).toBe('en');
    expect(resolveLang(undefined, { CHATPROOF_LANG: 'ja', LC_ALL: 'C.UTF-8' }, never)).toBe('ja');
    expect(resolveLang(undefined, { LC_ALL: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' }, never)).toBe('ja');
    expect(resolveLang(undefined, { LC_ALL: '', LC_MESSAGES: 'en_GB.UTF-8', LANG: 'ja_JP.UTF-8' }, never)).toBe('en');
    expect(resolveLang(undefined, { LANG: 'ja_JP.eucJP' }, never)).toBe('ja');
    expect(resolveLang(undefined, { LANG: 'C' }, never)).toBe('en');
  });

  it('asks the system locale only where no variable names one (Windows, macOS apps)', () => {
    expect(resolveLang(undefined, {}, () => 'ja-JP')).toBe('ja');
    expect(resolveLang(undefined, { LANG: '' }, () => 'en-US')).toBe('en');
    expect(resolveLang(undefined, { CHATPROOF_LANG: 'klingon' }, () => 'ja-JP')).toBe('ja');
  });

  it('reads --lang off a command line before commander does, the last one winning', () => {
    expect(langFlagIn(['rooms', '--lang', 'ja'])).toBe('ja');
    expect(langFlagIn(['--lang=en', 'rooms', '--lang', 'ja'])).toBe('ja');
    expect(langFlagIn(['note', 'room', '--', '--lang', 'ja'])).toBeUndefined();
  });
});

describe('messages', () => {
  it('render a nested message in the same language', () => {
    const m = msg('usage.unknown-zone', { zone: 'Mars/Olympus' });
    expect(render('ja', m)).toContain('Mars/Olympus');
    expect(render('ja', m)).toMatch(/タイムゾーン/);
    expect(render('en', m)).toBe('Unknown time zone "Mars/Olympus".');
  });

  it('give an error a stable code, an English message for logs, and its words in each language', () => {
    const e = new InputError(msg('input.empty'), { where: 'chat.txt', hint: msg('input.empty.hint') });
    expect(e.code).toBe('input.empty');
    expect(e.message).toBe('The input is empty: there is nothing to import.');
    const ja = describeError(e, 'ja');
    expect(ja).toMatchObject({ code: 'input.empty', where: 'chat.txt' });
    expect(ja.message).toMatch(/入力が空です/);
    expect(ja.hint).toMatch(/書き出した/);
  });
});

describe('the catalog', () => {
  it('has each key in one area only: a second one would silently replace the first', async () => {
    const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'i18n');
    for (const lang of ['en', 'ja']) {
      const seen = new Map<string, string>();
      for (const file of readdirSync(join(dir, lang))) {
        const area = (await import(pathToFileURL(join(dir, lang, file)).href)) as Record<string, Record<string, unknown>>;
        for (const entries of Object.values(area)) {
          for (const key of Object.keys(entries)) {
            expect(seen.get(key), `${lang}/${file}: ${key}`).toBeUndefined();
            seen.set(key, file);
          }
        }
      }
      expect(seen.size).toBeGreaterThan(300);
    }
  });
});
