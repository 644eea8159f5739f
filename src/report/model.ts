import type { Coverage, MessageKind, Source } from '../core/types.js';

/**
 * The report model: everything a report shows, as plain data (but for EmbeddedFile.chunks). Exporters
 * (exporters/) render it and never see the archive; src/report/collect.ts is the only part that
 * reads the archive.
 * Times are ISO 8601 with offset as stored; exporters choose how to show them (in `tz`).
 */

export type ReportLang = 'ja' | 'en';

/** `full`: the whole room, originals embedded. `private`: part of it, proven by inclusion proofs (docs/design/evidence-model.md P3). */
export type ReportMode = 'full' | 'private';

export type ShownStatus = 'present' | 'edited' | 'unsent' | 'deleted';

export interface ReportRoom {
  readonly id: string;
  readonly source: Source;
  readonly title: string;
  readonly externalId: string | null;
}

/** The last log entry the report covers: every page prints a prefix of its hash. */
export interface LogPoint {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

export interface ReportTimestamp {
  /** The log entry that stores the token. */
  readonly entrySeq: number;
  /** The log head the token was issued over: it vouches for entries 1..stampedSeq. */
  readonly stampedSeq: number;
  readonly stampedHash: string;
  /** What the token itself says (parsed from its bytes, not from the log). */
  readonly genTime: string;
  readonly tsaName: string | null;
  readonly tsaUrl: string | null;
  readonly tokenSha256: string;
  /** Names of the embedded token (DER) and of the exact stamped bytes. */
  readonly tokenFile: string;
  readonly dataFile: string;
}

export interface ReportCapture {
  /** 1-based, in log order: "capture #2" on the pages. */
  readonly ordinal: number;
  readonly id: string;
  readonly entrySeq: number;
  readonly capturedAt: string;
  /** When the source says the export was saved (LINE's 保存日時, Chatwork's server time); null when it states none, or the capture predates recording it. */
  readonly sourceSavedAt: string | null;
  readonly format: string;
  readonly parserVersion: string;
  readonly tz: string;
  readonly coverage: Coverage;
  readonly messageCount: number;
  readonly rawSha256: string;
  readonly rawSize: number;
  readonly merkleRoot: string;
  /** The embedded original's name; null in private mode (no originals are embedded). */
  readonly file: string | null;
  /** The earliest token whose stamped head includes this capture's entry. */
  readonly stampedBy: ReportTimestamp | null;
  /**
   * A capture kept with `import --raw` (no messages read): its text as decoded from the original,
   * for the report to print verbatim; null for every other capture, and in private mode.
   */
  readonly rawText: string | null;
  /** The captures that read this raw capture's original again (`reparse`), in log order; empty for every other capture. */
  readonly readAgain: readonly { readonly ordinal: number; readonly capturedAt: string }[];
}

/** One version of a message as some capture showed it. */
export interface ShownVersion {
  readonly capture: number;
  readonly hash: string;
  readonly kind: MessageKind;
  readonly body: string;
}

export interface ShownMessage {
  readonly hash: string;
  readonly kind: MessageKind;
  readonly sender: string | null;
  readonly sentAt: string;
  /** For people: Chatwork markup rendered; for an unsent message, what it said before (if ever seen). */
  readonly body: string;
  readonly status: ShownStatus;
  /** Capture ordinals: first and last that showed it, and the one that decided the status. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly statusAsOf: number;
  /** Every distinct body, oldest first (edited messages have two or more). */
  readonly versions: readonly ShownVersion[];
  /** The source's own edit time (Chatwork update_time), if any. */
  readonly editedAt: string | null;
  /** False when an unsent or deleted message was never seen before the unsend or deletion mark: its text is unknown. */
  readonly textKnown: boolean;
}

export interface ReportObservation {
  readonly seq: number;
  readonly at: string;
  readonly kind: 'note' | 'observation';
  readonly text: string;
}

export type FileKind = 'deliverable' | 'screenshot' | 'other';

export interface ReportFile {
  readonly seq: number;
  readonly at: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly kind: FileKind;
  readonly mime: string | null;
  readonly note: string | null;
  readonly forMessage: string | null;
  /** The embedded copy's name, or null when the bytes were not kept or not disclosed. */
  readonly file: string | null;
  /** Bytes of a PNG/JPEG screenshot to draw in the appendix; null otherwise. */
  readonly image: Uint8Array | null;
}

export type EmbeddedRole = 'manifest' | 'log' | 'original' | 'timestamp-token' | 'timestamp-data' | 'attachment';

/** A file carried inside the report (PDF/A-3 associated file). */
export interface EmbeddedFile {
  readonly name: string;
  /**
   * The file's bytes, in order. manifest.json's are serialized anew on each call, chunk by chunk,
   * so that a large room's manifest (7 MB at 10k messages) is never held whole.
   */
  chunks(): Iterable<Uint8Array>;
  readonly size: number;
  readonly sha256: string;
  readonly mime: string;
  readonly role: EmbeddedRole;
  readonly description: string;
}

export interface ReportCounts {
  readonly shown: number;
  readonly present: number;
  readonly edited: number;
  readonly unsent: number;
  readonly deleted: number;
}

export interface Report {
  readonly lang: ReportLang;
  readonly title: string;
  readonly mode: ReportMode;
  /** Zone the pages show times in (JST by default); UTC is shown beside capture times. */
  readonly tz: string;
  /** `--from/--to` as instants, or null for the whole room. */
  readonly range: { readonly from: string | null; readonly to: string | null } | null;
  readonly room: ReportRoom;
  readonly parties: readonly string[];
  /** First and last shown message times. */
  readonly period: { readonly from: string | null; readonly to: string | null };
  readonly head: LogPoint;
  /** The first log entry included in full (see docs/report.md "Log"). */
  readonly logFrom: number;
  readonly captures: readonly ReportCapture[];
  readonly timestamps: readonly ReportTimestamp[];
  readonly counts: ReportCounts;
  readonly transcript: readonly ShownMessage[];
  readonly observations: readonly ReportObservation[];
  readonly files: readonly ReportFile[];
  readonly embedded: readonly EmbeddedFile[];
  readonly manifestSha256: string;
  readonly generator: string;
}
