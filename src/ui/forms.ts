import { html } from 'hono/html';
import type { Lang } from '../i18n/lang.js';
import { textsIn } from '../i18n/message.js';
import type { Html } from './layout.js';

/**
 * A drop zone with a file chooser, sent as soon as a file is chosen or dropped (static/app.js).
 * `extra`: fields sent along, such as the room a file goes into.
 */
export function dropForm(lang: Lang, opts: { post: string; target: string; accept?: string; extra?: Html }): Html {
  const tx = textsIn(lang);
  return html`<form data-post="${opts.post}" data-target="${opts.target}" data-auto>
    ${opts.extra ?? ''}
    <div class="drop" data-drop>
      ${tx('ui.drop-here')} <label><input type="file" name="file" ${opts.accept ? html` accept="${opts.accept}"` : ''} /> ${tx('ui.choose-file')}</label>
    </div>
  </form>`;
}
