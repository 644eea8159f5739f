import type { AfterCapture, StampPlan } from '../app/stamp-queue.js';
import type { Archive } from '../store/archive.js';
import { DEFAULT_TSA, trustLines } from './commands/stamp.js';
import type { Context } from './context.js';
import { readSettings, settingsPath } from '../app/settings.js';

/** `--stamp`, `--no-stamp`, `--tsa`, `--tsa-cert` on the commands that capture (import, sync). */
export interface StampFlags {
  stamp?: boolean;
  tsa?: string;
  tsaCert?: string;
}

export type { StampPlan } from '../app/stamp-queue.js';

/**
 * Whether to stamp after this capture, decided before anything is stored so that a mistyped TSA is
 * a usage error rather than a capture left unstamped. A TSA set with `chatproof config set tsa`
 * makes stamping the default; `--no-stamp` skips it once; `--tsa` alone also asks for it.
 */
export async function stampPlan(ctx: Context, flags: StampFlags): Promise<StampPlan | null> {
  const settings = readSettings(settingsPath(ctx.dbPath, ctx.io.cwd));
  const named = flags.tsa ?? settings.tsa;
  if (!(flags.stamp ?? named !== undefined)) return null;
  const [{ resolveTsa }, { readAnchors }] = await Promise.all([import('../timestamp/index.js'), import('../app/anchors.js')]);
  const tsa = resolveTsa(named ?? DEFAULT_TSA);
  return { tsa, anchors: await readAnchors(flags.tsaCert ?? settings.tsaCert, ctx.io.cwd) };
}

/** Stamps the head after a capture and says what became of it; a TSA out of reach only warns. */
export async function stampAfter(ctx: Context, archive: Archive, plan: StampPlan): Promise<AfterCapture> {
  const { stampAfterCapture } = await import('../app/stamp-queue.js');
  const after = await stampAfterCapture(archive, plan.tsa, plan.anchors);
  if (after.kind === 'queued') {
    ctx.warn(ctx.text('stamp.queued', { tsa: plan.tsa.name, why: ctx.words(after.error.text), waiting: after.waiting }));
    ctx.warn(ctx.text('stamp.queued.hint'));
  } else if (!ctx.json) {
    for (const line of trustLines(ctx, after.stamped)) ctx.say(line);
    if (after.captures > 1) ctx.say(ctx.text('stamp.queue-done', { captures: after.captures }));
  }
  return after;
}

/**
 * After a sync pass: a pass that recorded nothing leaves no capture waiting, and asks no TSA (a
 * `--every 5m` loop would otherwise ask for a token every five minutes for nothing).
 */
export async function stampIfWaiting(ctx: Context, archive: Archive, plan: StampPlan): Promise<AfterCapture | null> {
  const { capturesNotYetStamped } = await import('../app/stamp-queue.js');
  return capturesNotYetStamped(archive).length === 0 ? null : stampAfter(ctx, archive, plan);
}

/** The import document's `stamp` (docs/json.md). */
export function afterJson(after: AfterCapture): Record<string, unknown> {
  return after.kind === 'stamped'
    ? {
        status: 'stamped',
        entry: { seq: after.stamped.entry.seq, hash: after.stamped.entry.hash },
        genTime: after.stamped.token.genTime,
        captures: after.captures,
      }
    : { status: 'queued', entry: null, genTime: null, captures: after.waiting };
}
