import type { Command } from 'commander';
import { resolve } from 'node:path';
import type { Anchors, Stamped } from '../../app/stamp.js';
import { type Runner, defineCommand } from '../command.js';
import type { Context } from '../context.js';
import { entryJson } from '../json-shapes.js';
import { t } from '../../i18n/lang.js';

interface StampOptions {
  tsa?: string;
  tsaCert?: string;
}

/** The TSA `stamp` asks when none is named: its tokens chain to the default anchor (Mozilla roots). */
const DEFAULT_TSA = 'digicert';

export function registerStamp(program: Command, runner: Runner): void {
  defineCommand<[StampOptions]>(
    program, runner, 'stamp',
    'get an RFC 3161 timestamp over the log head from a Time Stamping Authority and log it / タイムスタンプを取得',
    (c) => c
      .option('--tsa <url|name>', `the TSA: freetsa, digicert, sectigo, or an http(s) URL (default ${DEFAULT_TSA})`)
      .option('--tsa-cert <file>', 'certificate to check the token against (default: Node\'s bundled Mozilla roots)'),
    async (ctx, opts) => {
      const [{ stampLogHead }, { resolveTsa }] = await Promise.all([import('../../app/stamp.js'), import('../../timestamp/index.js')]);
      const tsa = resolveTsa(opts.tsa ?? DEFAULT_TSA);
      const anchors = await readAnchors(opts.tsaCert, ctx.io.cwd);
      const stamped = await stampLogHead(ctx.archive(), tsa, anchors);
      if (ctx.json) ctx.printJson({ ...entryJson(stamped.entry), ...stampJson(stamped) });
      else for (const line of trustLines(ctx, stamped)) ctx.say(line);
      return 0;
    },
  );
}

/** `--tsa-cert FILE` → anchors; none means Node's bundled Mozilla roots. */
export async function readAnchors(file: string | undefined, cwd: string): Promise<Anchors> {
  if (file === undefined) return { certs: [], file: undefined };
  const { readCertificateFile } = await import('../../timestamp/index.js');
  const path = resolve(cwd, file);
  return { certs: await readCertificateFile(path), file: path };
}

export function stampJson(s: Stamped): Record<string, unknown> {
  return {
    genTime: s.token.genTime, tsaName: s.token.tsaName, serial: s.token.serial, policy: s.token.policy,
    stamped: s.head,
    verification: { ok: s.verification.ok, anchor: s.verification.anchor, trust: s.verification.trust, checks: s.verification.checks },
  };
}

/** What the token says, and how far it is trusted: the anchor is always named. */
export function trustLines(ctx: Context, s: Stamped): string[] {
  const v = s.verification;
  const trust = v.checks.find((c) => c.name === 'trust-anchor');
  const lines = [t(ctx.lang, {
    ja: `タイムスタンプを記録しました: ログ #${s.entry.seq}（${s.token.tsaName ?? 'TSA'}、${s.token.genTime}）`,
    en: `Timestamp logged as entry #${s.entry.seq} (${s.token.tsaName ?? 'TSA'}, ${s.token.genTime})`,
  })];
  lines.push(t(ctx.lang, { ja: `  信頼の起点: ${v.anchor}`, en: `  trust anchor: ${v.anchor}` }));
  lines.push(`  ${trust?.ok === true ? '✓' : '✗'} ${trust?.detail ?? ''}`);
  if (trust?.ok !== true) {
    lines.push(t(ctx.lang, {
      ja: '  トークン自体は正しく署名されていますが、上の起点ではこの時刻認証局を信頼できません。verify-report では --tsa-cert でその CA 証明書を指定してください。',
      en: '  The token is properly signed, but this anchor does not vouch for the TSA. Give its CA certificate to verify-report with --tsa-cert.',
    }));
  }
  return lines;
}
