import { html } from 'hono/html';
import type { Lang } from '../cli/lang.js';
import type { Html } from './layout.js';
import { say, T } from './text.js';

/**
 * A drop zone with a file chooser, sent as soon as a file is chosen or dropped (static/app.js).
 * `extra`: fields sent along, such as the room a file goes into.
 */
export function dropForm(lang: Lang, opts: { post: string; target: string; accept?: string; extra?: Html }): Html {
  return html`<form data-post="${opts.post}" data-target="${opts.target}" data-auto>
${opts.extra ?? ''}
<div class="drop" data-drop>${say(lang, T.dropHere)}<label class="inline"><input type="file" name="file"${opts.accept ? html` accept="${opts.accept}"` : ''}> ${say(lang, T.chooseFile)}</label></div>
</form>`;
}
