import { html } from 'hono/html';
import { isoInZone } from '../core/time.js';
import type { Html } from './layout.js';

/**
 * An instant as a person reads it, in the archive's zone ("2024-03-04 10:00"; seconds only where
 * they are not zero), with the exact stored value in `datetime` and as the tooltip.
 */
export function when(iso: string | null, tz: string): Html | string {
  if (iso === null) return '—';
  return html`<time datetime="${iso}" title="${iso}">${whenText(iso, tz)}</time>`;
}

/** The same instant as plain text, for a sentence of the catalog. */
export function whenText(iso: string, tz: string): string {
  return isoInZone(iso, tz).slice(0, 19).replace('T', ' ').replace(/:00$/, '');
}

/** 70 B, 12.3 KB, 4.0 MB: sizes as people read them. */
export function sizeText(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
