/**
 * A Chatwork room's file list as kept in a sync capture's meta (`meta.files`, raw answer in
 * `meta.filesBlob`), and the comparison of two lists. Pure: `show` and reports read it too.
 *
 * GET /rooms/{id}/files returns at most 100 files ("100件まで取得可能", the official reference as
 * quoted by several client libraries), so like the message window a full list covers only the
 * newest files: a file older than everything in a full list is "not covered", never "removed" (docs/design/evidence-model.md P6).
 */

/** One file of the list; `sha256` is set when its bytes were downloaded (`--download-files`). */
export interface ChatworkFile {
  /** file_id as digits, never through a JS number. */
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
  /** upload_time as ISO 8601 with offset. */
  readonly uploadedAt: string;
  /** The message that posted the file (message_id), if the API names one. */
  readonly messageId: string | null;
  readonly accountId: string | null;
  readonly sha256: string | null;
}

export const FILE_LIST_LIMIT = 100;

export interface FileListChanges {
  readonly added: readonly ChatworkFile[];
  /** Gone from the room: was listed, is not any more, and the new list covers its upload time. */
  readonly removed: readonly ChatworkFile[];
  /** Same file id, different name, size, time, message or uploader (a rename shows here). */
  readonly changed: readonly { readonly before: ChatworkFile; readonly after: ChatworkFile }[];
  /** Missing from a full list but older than all of it: pushed out of the window, not known to be gone. */
  readonly notCovered: readonly ChatworkFile[];
}

export function compareFileLists(before: readonly ChatworkFile[], after: readonly ChatworkFile[]): FileListChanges {
  const afterById = new Map(after.map((f) => [f.fileId, f]));
  const beforeIds = new Set(before.map((f) => f.fileId));
  const oldestShown = after.length >= FILE_LIST_LIMIT ? Math.min(...after.map((f) => Date.parse(f.uploadedAt))) : -Infinity;
  const removed: ChatworkFile[] = [];
  const notCovered: ChatworkFile[] = [];
  const changed: { before: ChatworkFile; after: ChatworkFile }[] = [];
  for (const b of before) {
    const a = afterById.get(b.fileId);
    if (a === undefined) (Date.parse(b.uploadedAt) < oldestShown ? notCovered : removed).push(b);
    else if (!sameListing(a, b)) changed.push({ before: b, after: a });
  }
  return { added: after.filter((f) => !beforeIds.has(f.fileId)), removed, changed, notCovered };
}

export function hasFileChanges(c: FileListChanges): boolean {
  return c.added.length + c.removed.length + c.changed.length > 0;
}

/** What the API says about a file; whether we hold its bytes is not part of the listing. */
function sameListing(a: ChatworkFile, b: ChatworkFile): boolean {
  return a.name === b.name && a.size === b.size && a.uploadedAt === b.uploadedAt && a.messageId === b.messageId && a.accountId === b.accountId;
}

/**
 * The file list of a capture's meta, or null when the capture has none (a file import, or a
 * capture made before file lists were kept). Entries that are not file records are skipped.
 */
export function filesFromMeta(meta: unknown): ChatworkFile[] | null {
  if (typeof meta !== 'object' || meta === null) return null;
  const files = (meta as Record<string, unknown>)['files'];
  if (!Array.isArray(files)) return null;
  return files.flatMap((f): ChatworkFile[] => {
    if (typeof f !== 'object' || f === null) return [];
    const r = f as Record<string, unknown>;
    const text = (k: string): string | null => (typeof r[k] === 'string' ? (r[k] as string) : null);
    const fileId = text('fileId');
    const name = text('name');
    const uploadedAt = text('uploadedAt');
    if (fileId === null || name === null || uploadedAt === null || typeof r['size'] !== 'number') return [];
    return [{ fileId, name, size: r['size'], uploadedAt, messageId: text('messageId'), accountId: text('accountId'), sha256: text('sha256') }];
  });
}
