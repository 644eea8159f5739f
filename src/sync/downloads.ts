/**
 * `--download-files`: the bytes of each listed file we do not hold yet, through the two steps the
 * API offers (docs/design/formats.md §2.4): GET /rooms/{id}/files/{file_id}?create_download_url=1 gives a link
 * valid about 30 s, which is fetched at once. Bytes are kept content-addressed with the capture.
 */
import { sha256Hex } from '../core/hash.js';
import { msg, type Phrase } from '../i18n/message.js';
import { readDownloadUrl } from './api-bodies.js';
import type { ChatworkClient } from './chatwork-client.js';
import type { ChatworkFile } from './file-list.js';

/** Files above this are listed but not downloaded: the archive is one SQLite file, held in memory while written. */
export const MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

export interface Downloaded {
  /** The list with `sha256` set for every file now held. */
  readonly files: ChatworkFile[];
  /** New bytes to store with the capture. */
  readonly bytes: Uint8Array[];
  readonly warnings: Phrase[];
}

export async function fetchMissingFiles(client: ChatworkClient, roomId: string, files: readonly ChatworkFile[]): Promise<Downloaded> {
  const out: ChatworkFile[] = [];
  const bytes: Uint8Array[] = [];
  const warnings: Phrase[] = [];
  for (const f of files) {
    if (f.sha256 !== null) {
      out.push(f);
      continue;
    }
    if (f.size > MAX_DOWNLOAD_BYTES) {
      warnings.push(msg('sync.warn.too-large', { room: roomId, name: f.name, mb: MAX_DOWNLOAD_BYTES / 1024 / 1024 }));
      out.push(f);
      continue;
    }
    const info = await client.get(`/rooms/${roomId}/files/${f.fileId}?create_download_url=1`, [200, 403, 404]);
    if (info.status !== 200) {
      warnings.push(msg('sync.warn.not-downloaded', { room: roomId, name: f.name, status: info.status }));
      out.push(f);
      continue;
    }
    const data = await client.download(readDownloadUrl(info.body), MAX_DOWNLOAD_BYTES);
    if (data.length !== f.size) warnings.push(msg('sync.warn.size', { room: roomId, name: f.name, listed: f.size, arrived: data.length }));
    bytes.push(data);
    out.push({ ...f, sha256: sha256Hex(data) });
  }
  return { files: out, bytes, warnings };
}
