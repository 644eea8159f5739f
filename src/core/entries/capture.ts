/** The `capture` entry: one import of one room, committing to its original and its message list. */
import type { Coverage } from '../types.js';
import { num, obj, problem, str, strings, value, type Read } from './read.js';

/** Source facts kept with the capture (encoding, warnings, Chatwork's files list and limitation header…). */
export type CaptureMeta = Readonly<Record<string, unknown>>;

export interface CaptureFacts {
  readonly id: string;
  readonly roomId: string;
  readonly rawSha256: string;
  readonly rawSize: number;
  readonly format: string;
  readonly variant: string;
  readonly parserVersion: string;
  readonly tz: string;
  readonly coverage: Coverage;
  readonly messageCount: number;
  readonly merkleRoot: string;
  readonly capturedAt: string;
  /**
   * When the source itself says it was saved, where it says so without a guess (LINE's 保存日時,
   * Chatwork's server `Date`): the capture's place in the room's history (`captureAsOf`). Absent
   * when the source states none, and in every entry written before it existed, whose bytes stay as they were.
   */
  readonly sourceSavedAt?: string;
  /** The capture whose original this one reads again (`reparse`): it shows the room as of that one. */
  readonly reparseOf?: string;
}

export type CapturePayload = {
  readonly capture: CaptureFacts & { readonly meta: CaptureMeta };
  /** Further originals the capture relies on; absent when there are none, so plain imports keep their exact shape. */
  readonly blobs?: readonly string[];
};

export interface CaptureRead {
  readonly capture: CaptureFacts;
  readonly meta: CaptureMeta;
  readonly blobs: readonly string[];
}

export function capturePayload(capture: CaptureFacts, meta: CaptureMeta, extraBlobs: readonly string[]): CapturePayload {
  return { capture: { ...capture, meta }, ...(extraBlobs.length > 0 ? { blobs: [...extraBlobs] } : {}) };
}

export function readCapture(payload: Readonly<Record<string, unknown>>): Read<CaptureRead> {
  const c = obj(payload['capture']);
  if (c === null) return problem('a capture entry without its capture');
  const text = (k: string): string | null => str(c[k]);
  const count = (k: string): number | null => num(c[k]);
  const cov = obj(c['coverage']);
  const kind = cov?.['kind'];
  const from = cov?.['from'];
  const to = cov?.['to'];
  const id = text('id'),
    roomId = text('roomId'),
    rawSha256 = text('rawSha256'),
    format = text('format'),
    variant = text('variant');
  const parserVersion = text('parserVersion'),
    tz = text('tz'),
    merkleRoot = text('merkleRoot'),
    capturedAt = text('capturedAt');
  const rawSize = count('rawSize'),
    messageCount = count('messageCount');
  const sourceSavedAt = text('sourceSavedAt'),
    reparseOf = text('reparseOf');
  if (
    id === null ||
    roomId === null ||
    rawSha256 === null ||
    format === null ||
    variant === null ||
    parserVersion === null ||
    tz === null ||
    merkleRoot === null ||
    capturedAt === null ||
    rawSize === null ||
    messageCount === null
  )
    return problem('a capture entry that lacks one of its facts');
  if ((kind !== 'full' && kind !== 'window') || (from !== null && typeof from !== 'string') || (to !== null && typeof to !== 'string'))
    return problem('a capture entry without a coverage');
  return value({
    capture: {
      id,
      roomId,
      rawSha256,
      rawSize,
      format,
      variant,
      parserVersion,
      tz,
      coverage: { kind, from, to },
      messageCount,
      merkleRoot,
      capturedAt,
      ...(sourceSavedAt === null ? {} : { sourceSavedAt }),
      ...(reparseOf === null ? {} : { reparseOf }),
    },
    meta: obj(c['meta']) ?? {},
    blobs: strings(payload['blobs']),
  });
}

/** The facts of a capture its "as of" time is made of. */
export interface AsOfFacts {
  readonly capturedAt: string;
  readonly sourceSavedAt?: string | undefined;
  readonly reparseOf?: string | undefined;
}

/**
 * The time a capture shows its room as of (docs/design/evidence-model.md P12): the source's own
 * save time where the capture states one, else — for a capture that reads another's original
 * again (`reparseOf`) — that capture's, else the import time. `lookup` finds a capture's facts by
 * id; a chain that loops or names an unknown capture ends at the last capture found.
 */
export function captureAsOf(capture: AsOfFacts, lookup: (id: string) => AsOfFacts | undefined = () => undefined): string {
  const seen = new Set<string>();
  let at = capture;
  while (at.sourceSavedAt === undefined && at.reparseOf !== undefined && !seen.has(at.reparseOf)) {
    seen.add(at.reparseOf);
    const of = lookup(at.reparseOf);
    if (of === undefined) break;
    at = of;
  }
  return at.sourceSavedAt !== undefined && !Number.isNaN(Date.parse(at.sourceSavedAt)) ? at.sourceSavedAt : at.capturedAt;
}

/**
 * A room's captures in the order of their "as of" times, as instants (an offset may differ);
 * captures as of the same instant keep log order. Every history, status and diff follows this order.
 */
export function inAsOfOrder<T extends { readonly asOf: string; readonly entrySeq: number }>(captures: readonly T[]): T[] {
  return captures
    .map((c) => ({ c, t: Date.parse(c.asOf) }))
    .sort((x, y) => x.t - y.t || x.c.entrySeq - y.c.entrySeq)
    .map((k) => k.c);
}

/** Members named at import (`--member`), if the capture kept them: needed to re-parse LINE desktop exports. */
export function captureMembers(meta: CaptureMeta): string[] {
  return strings(meta['members']);
}

/** The facts of a capture entry that its `captures` row restates, each exactly as the payload states it. */
export interface CaptureStatement {
  readonly id: unknown;
  readonly rawSha256: unknown;
  readonly format: unknown;
  readonly variant: unknown;
  readonly parserVersion: unknown;
  readonly tz: unknown;
  readonly coverageKind: unknown;
  readonly coverageFrom: unknown;
  readonly coverageTo: unknown;
  readonly messageCount: unknown;
  readonly merkleRoot: unknown;
  readonly capturedAt: unknown;
}

/**
 * The tolerant reader, for `verify`: each fact goes on to be compared with its column, so one
 * wrong fact is one finding on that column rather than an unreadable entry
 * (test/store/tamper.test.ts). A problem only when the payload holds no capture at all.
 */
export function readCaptureStatement(payload: Readonly<Record<string, unknown>>): Read<CaptureStatement> {
  const c = obj(payload['capture']);
  if (c === null) return problem('an entry without a capture');
  const cov = obj(c['coverage']);
  return value({
    id: c['id'],
    rawSha256: c['rawSha256'],
    format: c['format'],
    variant: c['variant'],
    parserVersion: c['parserVersion'],
    tz: c['tz'],
    coverageKind: cov?.['kind'],
    coverageFrom: cov?.['from'],
    coverageTo: cov?.['to'],
    messageCount: c['messageCount'],
    merkleRoot: c['merkleRoot'],
    capturedAt: c['capturedAt'],
  });
}
