/**
 * The web app's views of the room with history (suite-history.ts), on the server in this process
 * over real HTTP: the rooms list the first time (it builds the room's view), a room page then, a
 * page far in, and the changed messages only. The target is 300 ms for each view.
 */
import { request } from 'node:http';
import { Workspace } from '../../src/app/workspace.js';
import { startUi } from '../../src/ui/server.js';
import { countLabel } from './args.js';
import { addRow, type Bench } from './context.js';

function get(port: number, path: string, cookie: string): Promise<{ status: number; text: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, Cookie: cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function uiViewsFor(b: Bench, size: number, db: string, roomId: string): Promise<void> {
  const label = countLabel(size);
  b.log(`ui views ${label}`);
  const workspace = new Workspace(db, 'Asia/Tokyo');
  const ui = await startUi({ port: 0, lang: 'ja', maxUpload: 1024 * 1024, workspace });
  try {
    const url = new URL(ui.url);
    const first = await get(ui.port, url.pathname + url.search, '');
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    const timed = async (id: string, what: string, path: string, note: string): Promise<void> => {
      const t0 = performance.now();
      const res = await get(ui.port, path, cookie);
      const seconds = (performance.now() - t0) / 1000;
      if (res.status !== 200) throw new Error(`ui ${path}: ${res.status}`);
      addRow(b, { id: `${id}.${label}`, what, size: label, messages: size, seconds, cpu: null, bytes: null, peakRss: null, vs: null, note });
    };
    await timed('ui.rooms-first', 'ui rooms, cold', '/', 'first request: reads the state the import kept');
    await timed('ui.rooms', 'ui rooms', '/', 'again');
    await timed('ui.room-page', 'ui room page 1', `/rooms/${roomId}`, '200 messages');
    await timed('ui.room-page-far', 'ui room page far', `/rooms/${roomId}?page=${Math.max(1, Math.floor(size / 400))}`, '200 messages, half-way');
    await timed('ui.room-changed', 'ui changed only', `/rooms/${roomId}?changed=1`, 'edited, unsent, deleted');
  } finally {
    await ui.close();
    workspace.close();
  }
}
