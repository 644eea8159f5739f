import { renderChatworkMarkup } from '../core/chatwork-markup.js';
import type { ArchiveView, ViewMessage } from '../core/diff/index.js';
import type { HashedMessage, MessageKind, Source } from '../core/types.js';
import type { ManifestShown } from './manifest.js';
import type { ShownMessage } from './model.js';

/** Archive-view messages → what the pages show, and what the manifest states about them. */

export interface ShownSet {
  readonly shown: readonly ShownMessage[];
  readonly manifest: readonly ManifestShown[];
  /** Every message version referred to, by hash: the manifest's `messages`. */
  readonly versions: ReadonlyMap<string, HashedMessage>;
  /** (capture id, message hash) pairs the report relies on: what private mode must prove. */
  readonly sightings: readonly { readonly capture: string; readonly hash: string }[];
}

export function selectShown(
  view: ArchiveView,
  include: (m: ViewMessage) => boolean,
  ordinalOf: ReadonlyMap<string, number>,
  byHash: ReadonlyMap<string, HashedMessage>,
  source: Source,
): ShownSet {
  const display = (body: string, kind: MessageKind): string => (source === 'chatwork' && kind !== 'unsent' ? renderChatworkMarkup(body) : body);
  const ord = (capture: string): number => ordinalOf.get(capture) ?? 0;
  const shown: ShownMessage[] = [];
  const manifest: ManifestShown[] = [];
  const versions = new Map<string, HashedMessage>();
  const sightings: { capture: string; hash: string }[] = [];
  const keep = (hash: string): void => {
    const m = byHash.get(hash);
    if (m === undefined) throw new Error(`report: message ${hash} is in the view but in none of its captures`);
    versions.set(hash, m);
  };
  for (const m of view.messages) {
    if (!include(m)) continue;
    for (const v of m.history) keep(v.hash);
    keep(m.current.hash);
    const last = { capture: m.lastSeen, hash: m.current.hash };
    const firsts = m.history.map((v) => ({ capture: v.capture, hash: v.hash }));
    sightings.push(...firsts, last);
    manifest.push({ hash: m.hash, status: m.status, statusAsOf: m.statusAsOf, versions: firsts, last });
    shown.push({
      hash: m.hash,
      kind: m.kind,
      sender: m.sender,
      sentAt: m.sentAt,
      body: display(m.body, m.kind),
      status: m.status,
      firstSeen: ord(m.firstSeen),
      lastSeen: ord(m.lastSeen),
      statusAsOf: ord(m.statusAsOf),
      versions: m.history.map((v) => ({ capture: ord(v.capture), hash: v.hash, kind: v.kind, body: display(v.body, v.kind) })),
      editedAt: m.editedAt,
      // The view keeps the last content; it is still the unsend line or deletion mark only when no capture showed the text.
      textKnown: m.kind !== 'unsent',
    });
  }
  return { shown, manifest, versions, sightings };
}
