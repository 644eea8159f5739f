import { InputError } from '../../core/errors.js';
import { MANIFEST_NAME, MANIFEST_TYPE, type Manifest } from '../manifest.js';
import { any, array, hex64, int, literal, nullable, object, optional, record, str, type Validator } from './shape.js';
import { msg } from '../../i18n/message.js';

const sighting = object({ capture: str, hash: hex64 });
const message = object({
  kind: literal('text', 'media', 'call', 'system', 'unsent'),
  sender: nullable(str),
  senderId: nullable(str),
  sentAt: str,
  body: str,
  externalId: nullable(str),
  editedAt: nullable(str),
});

/** The manifest v1 schema (manifest.ts), as far as verification relies on it. */
const MANIFEST: Validator = object({
  v: literal(1),
  type: literal(MANIFEST_TYPE),
  generator: str,
  mode: literal('full', 'private'),
  lang: literal('ja', 'en'),
  title: str,
  tz: str,
  range: nullable(object({ from: nullable(str), to: nullable(str) })),
  room: object({ id: str, entrySeq: int }),
  head: object({ seq: int, hash: hex64 }),
  log: object({
    from: int,
    file: str,
    entries: array(object({ seq: int, kind: str, at: str, roomId: nullable(str), prev: nullable(hex64), payload: any, hash: hex64 })),
  }),
  captures: array(
    object({
      id: str,
      entrySeq: int,
      file: nullable(str),
      extras: array(str),
      members: array(str),
      messageHashes: optional(array(hex64)),
      proofs: optional(record(object({ index: int, path: array(hex64) }))),
    }),
  ),
  messages: record(message),
  transcript: array(
    object({ hash: hex64, status: literal('present', 'edited', 'unsent', 'deleted'), statusAsOf: str, versions: array(sighting), last: sighting }),
  ),
  timestamps: array(object({ entrySeq: int, token: str, data: str })),
  attachments: array(object({ entrySeq: int, file: nullable(str) })),
  files: record(object({ sha256: hex64, size: int, role: literal('manifest', 'log', 'original', 'timestamp-token', 'timestamp-data', 'attachment') })),
});

export type ManifestReading =
  | { readonly manifest: Manifest; readonly problems: readonly [] }
  | { readonly manifest: null; readonly problems: readonly string[] };

/**
 * manifest.json → Manifest. A file that is not a chatproof report at all (no manifest, another
 * `type`, a version this program does not know) is an InputError, exit 3. A report whose manifest
 * is damaged is not: its problems come back for the verifier to report as a failed check (exit 5).
 */
export function readManifest(files: ReadonlyMap<string, Uint8Array>, where: string): ManifestReading {
  const bytes = files.get(MANIFEST_NAME);
  if (bytes === undefined) {
    throw new InputError(msg('input.not-report', { manifest: MANIFEST_NAME }), { where, hint: msg('input.not-report.hint') });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    return { manifest: null, problems: [`${MANIFEST_NAME} is not valid JSON (${(e as Error).message})`] };
  }
  const head = parsed as { type?: unknown; v?: unknown } | null;
  if (head?.type !== MANIFEST_TYPE) {
    throw new InputError(msg('input.not-report-type', { manifest: MANIFEST_NAME, type: JSON.stringify(head?.type) ?? '-' }), {
      where,
      hint: msg('input.not-report.hint'),
    });
  }
  if (head.v !== 1) {
    throw new InputError(msg('input.report-newer', { version: JSON.stringify(head.v) ?? '-' }), { where, hint: msg('input.report-newer.hint') });
  }
  const problems: string[] = [];
  MANIFEST(parsed, '', problems);
  return problems.length === 0 ? { manifest: parsed as Manifest, problems: [] } : { manifest: null, problems };
}
