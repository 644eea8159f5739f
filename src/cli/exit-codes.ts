import { CommanderError } from 'commander';
import { ChatproofError } from '../core/errors.js';

/** cli-contract.md "Exit codes": the one table, and the one place errors become codes. */
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  input: 3,
  archive: 4,
  integrity: 5,
  service: 6,
  interrupted: 130,
} as const;

export const EXIT_TABLE = `Exit codes / 終了コード:
  0    success (verify: nothing found) / 成功
  1    internal error (a bug: please report it) / 内部エラー（不具合）
  2    usage: bad option or argument, unknown or ambiguous room / 使い方の誤り
  3    input: the file cannot be read, recognised or parsed / 入力を読めない
  4    archive: cannot open, locked too long, made by a newer version / アーカイブを開けない
  5    integrity: verify or verify-report found a problem / 改ざん・破損を検出
  6    outside service: Chatwork API or TSA unreachable, refused, rate-limited / 外部サービスの障害
  130  interrupted (Ctrl-C): nothing half-written / 中断（書きかけは残りません）`;

export function exitCodeFor(e: unknown): number {
  if (e instanceof ChatproofError) return EXIT[e.category];
  if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.internal;
}
