import { html } from 'hono/html';
import type { ChangeCounts } from '../../core/diff/index.js';
import type { Lang } from '../../i18n/lang.js';
import { textsIn } from '../../i18n/message.js';
import type { Html } from '../layout.js';

/** What an import stored, as the import page and the watch page show it. */
export interface StoredCapture {
  readonly recorded: {
    readonly room: { readonly id: string; readonly title: string };
    readonly roomCreated: boolean;
    readonly capture: { readonly messageCount: number; readonly asOf: string };
    readonly entry: { readonly seq: number };
  };
  readonly changes: ChangeCounts;
  /** Set when the export is older than the room's newest capture (src/app/import-capture.ts). */
  readonly placedBefore: { readonly newer: number; readonly newestAsOf: string } | null;
}

export function changeSummary(lang: Lang, r: StoredCapture): Html {
  const tx = textsIn(lang);
  const k = r.changes;
  return html`<div class="verdict ok" data-stored="${r.recorded.room.id}">
    <p>${tx('ui.import.stored', { n: r.recorded.capture.messageCount, title: r.recorded.room.title, created: r.recorded.roomCreated })}</p>
    ${r.recorded.roomCreated ? '' : html`<p data-changes>${tx('ui.import.changes', { added: k.added, edited: k.edited, unsent: k.unsent, deleted: k.deleted, unchanged: k.unchanged })}</p>`}
    ${r.placedBefore === null ? '' : html`<p data-older>${tx('import.older', { asOf: r.recorded.capture.asOf, newestAsOf: r.placedBefore.newestAsOf, newer: r.placedBefore.newer })}</p>`}
    <p class="muted">${tx('ui.import.logged', { seq: r.recorded.entry.seq })}</p>
    <p><a class="button" href="/rooms/${r.recorded.room.id}">${tx('ui.import.open-room')}</a></p>
  </div>`;
}
