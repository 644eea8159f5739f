import { html } from 'hono/html';
import { isoInZone } from '../core/time.js';
import type { Html } from './layout.js';

/**
 * An instant as a person reads it, in the archive's zone ("2024-03-04 10:00"; seconds only where
 * they are not zero), with the exact stored value in `datetime` and as the tooltip.
 */
export function when(iso: string | null, tz: string): Html | string {
  if (iso === null) return '—';
  const local = isoInZone(iso, tz);
  const shown = local.slice(0, 19).replace('T', ' ').replace(/:00$/, '');
  return html`<time datetime="${iso}" title="${iso}">${shown}</time>`;
}
