import type { Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { msg, textsIn } from '../../i18n/message.js';
import { type Runner, defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { SETTING_KEYS, type SettingKey, type Settings, readSettings, settingsPath, withTsa, writeSettings } from '../../app/settings.js';

/** `config [set KEY VALUE | unset KEY]`: the archive's settings (src/app/settings.ts); alone, it shows them. */
export function registerConfig(program: Command, runner: Runner): void {
  const tx = textsIn(runner.lang);
  defineCommand<[string | undefined, string | undefined, string | undefined, Record<string, never>]>(
    program,
    runner,
    'config [action] [key] [value]',
    tx('help.config'),
    (c) => c.addHelpText('after', '\n' + tx('help.config.keys')),
    async (ctx, action, key, value) => {
      const path = settingsPath(ctx.dbPath, ctx.io.cwd);
      const settings = readSettings(path);
      if (action === undefined) {
        if (ctx.json) ctx.printJson({ file: path, tsa: settings.tsa ?? null, tsaCert: settings.tsaCert ?? null });
        else ctx.say(ctx.text('config.show', { file: path, tsa: settings.tsa ?? null, tsaCert: settings.tsaCert ?? null }));
        return EXIT.ok;
      }
      const k = settingKey(key);
      let next: Settings;
      let dropped: string | null = null;
      if (action === 'set') {
        if (value === undefined) throw new UsageError(msg('usage.config-value', { key: k }));
        const change = await checked(k, value, ctx.io.cwd);
        ({ next, dropped } = change.tsa === undefined ? { next: { ...settings, ...change }, dropped: null } : withTsa(settings, change.tsa));
      } else if (action === 'unset') {
        const { tsa, tsaCert, ...rest } = settings;
        next = { ...rest, ...(k === 'tsa' ? {} : tsa === undefined ? {} : { tsa }), ...(k === 'tsa-cert' ? {} : tsaCert === undefined ? {} : { tsaCert }) };
      } else throw new UsageError(msg('usage.config-action', { action }));
      writeSettings(path, next);
      if (dropped !== null) ctx.warn(ctx.text('config.tsa-cert-dropped', { file: dropped, before: settings.tsa ?? '', tsa: next.tsa ?? '' }));
      if (ctx.json) ctx.printJson({ file: path, tsa: next.tsa ?? null, tsaCert: next.tsaCert ?? null });
      else ctx.say(ctx.text('config.show', { file: path, tsa: next.tsa ?? null, tsaCert: next.tsaCert ?? null }));
      return EXIT.ok;
    },
  );
}

function settingKey(key: string | undefined): SettingKey {
  const found = SETTING_KEYS.find((k) => k === key);
  if (found === undefined) throw new UsageError(msg('usage.config-key', { key: key ?? '', keys: SETTING_KEYS.join(', ') }));
  return found;
}

/** A value is checked as the command that uses it would check it, so a typo fails now and not at the next capture. */
async function checked(key: SettingKey, value: string, cwd: string): Promise<Settings> {
  const timestamp = await import('../../timestamp/index.js');
  if (key === 'tsa') {
    timestamp.resolveTsa(value);
    return { tsa: value.trim() };
  }
  const path = resolve(cwd, value);
  await timestamp.readCertificateFile(path);
  return { tsaCert: path };
}
