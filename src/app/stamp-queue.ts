import { ServiceError } from '../core/errors.js';
import { readTimestamp } from '../core/entries/timestamp.js';
import type { Archive } from '../store/archive.js';
import type { EntryRecord } from '../store/records.js';
import type { ResolvedTsa } from '../timestamp/index.js';
import { dirname } from 'node:path';
import { readAnchors } from './anchors.js';
import { readSettings } from './settings.js';
import { stampLogHead, type Anchors, type Stamped } from './stamp.js';

/**
 * The stamping queue is the log itself: every capture entry after the head the newest timestamp
 * entry vouches for is waiting. Nothing else is stored, so the queue survives restarts, a copied
 * archive carries it, and it cannot disagree with the log. One token over the head stamps them all.
 */
export function capturesNotYetStamped(archive: Archive): EntryRecord[] {
  const entries = archive.entries();
  let covered = 0;
  for (const e of entries) {
    if (e.kind !== 'timestamp') continue;
    const t = readTimestamp(e.payload);
    if (t.ok) covered = Math.max(covered, t.value.seq);
  }
  return entries.filter((e) => e.kind === 'capture' && e.seq > covered);
}

export type AfterCapture =
  | { readonly kind: 'stamped'; readonly stamped: Stamped; readonly captures: number }
  | { readonly kind: 'queued'; readonly error: ServiceError; readonly waiting: number };

/**
 * After a capture: stamp the log head, covering every capture still waiting. A TSA that cannot be
 * reached or answers badly (ServiceError) must not lose or block the capture already stored: the
 * capture stays queued and the caller says so; any other error is a real fault and goes through.
 */
export async function stampAfterCapture(archive: Archive, tsa: ResolvedTsa, anchors: Anchors): Promise<AfterCapture> {
  const waiting = capturesNotYetStamped(archive).length;
  try {
    return { kind: 'stamped', stamped: await stampLogHead(archive, tsa, anchors), captures: waiting };
  } catch (e) {
    if (e instanceof ServiceError) return { kind: 'queued', error: e, waiting };
    throw e;
  }
}

/** A TSA to stamp with after a capture, and what its token is checked against. */
export interface StampPlan {
  readonly tsa: ResolvedTsa;
  readonly anchors: Anchors;
}

/**
 * The stamping the archive's settings ask for after each capture (`chatproof config set tsa`,
 * `tsa-cert`: docs/timestamps.md), or null when no TSA is set. `chatproof watch` and the web app's
 * import read it at each capture, so a TSA set while they run applies from the next capture on. A
 * TSA setting that names nothing known is a UsageError, raised before the capture is stored, as
 * `import` does.
 */
export async function configuredStamping(settingsFile: string): Promise<StampPlan | null> {
  const settings = readSettings(settingsFile);
  if (settings.tsa === undefined) return null;
  const { resolveTsa } = await import('../timestamp/index.js');
  return { tsa: resolveTsa(settings.tsa), anchors: await readAnchors(settings.tsaCert, dirname(settingsFile)) };
}
