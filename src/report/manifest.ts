import type { Message } from '../core/types.js';
import type { EmbeddedRole, ReportLang, ReportMode, ShownStatus } from './model.js';

/**
 * manifest.json, version 1 (docs/report.md "Manifest"): the machine-readable side of a report,
 * written as RFC 8785 canonical JSON. Facts that a log entry already states (a capture's SHA-256,
 * Merkle root, message count, time) are read from the entry, never repeated, so a verifier has
 * one place to check them: the entry, whose hash the chain commits to.
 */

export const MANIFEST_NAME = 'manifest.json';
export const LOG_NAME = 'log.jsonl';
export const MANIFEST_TYPE = 'chatproof-report';

/** A log entry exactly as hashed (docs/hashing.md §4), with its hash. */
export interface ManifestEntry {
  readonly seq: number;
  readonly kind: string;
  readonly at: string;
  readonly roomId: string | null;
  readonly prev: string | null;
  readonly payload: unknown;
  readonly hash: string;
}

/** RFC 6962 audit path of one message in a capture. */
export interface ManifestProof {
  readonly index: number;
  readonly path: readonly string[];
}

export interface ManifestCapture {
  readonly id: string;
  readonly entrySeq: number;
  /** Embedded original (full mode); null in private mode. */
  readonly file: string | null;
  /** Further embedded originals the capture entry lists in `blobs` (full mode). */
  readonly extras: readonly string[];
  /** Full mode: every message hash of the capture, in order (the Merkle leaves). */
  readonly messageHashes?: readonly string[];
  /** Private mode: an inclusion proof for each shown message version, by message hash. */
  readonly proofs?: Readonly<Record<string, ManifestProof>>;
  /** Names given with `--member` at import, needed to parse some LINE exports again. */
  readonly members: readonly string[];
}

/** A message version as one capture showed it. */
export interface ManifestSighting {
  readonly capture: string;
  readonly hash: string;
}

export interface ManifestShown {
  readonly hash: string;
  readonly status: ShownStatus;
  /** The capture that decided the status (for `deleted`: the covering capture that no longer had it). */
  readonly statusAsOf: string;
  /** Where each distinct version was first seen, oldest first. */
  readonly versions: readonly ManifestSighting[];
  /** The last capture that showed the message, and how (for unsent: LINE's unsend line). */
  readonly last: ManifestSighting;
}

export interface ManifestTimestamp {
  readonly entrySeq: number;
  readonly token: string;
  readonly data: string;
}

export interface ManifestAttachment {
  readonly entrySeq: number;
  readonly file: string | null;
}

export interface ManifestFile {
  readonly sha256: string;
  readonly size: number;
  readonly role: EmbeddedRole;
}

export interface Manifest {
  readonly v: 1;
  readonly type: typeof MANIFEST_TYPE;
  readonly generator: string;
  readonly mode: ReportMode;
  readonly lang: ReportLang;
  readonly title: string;
  readonly tz: string;
  readonly range: { readonly from: string | null; readonly to: string | null } | null;
  readonly room: { readonly id: string; readonly entrySeq: number };
  readonly head: { readonly seq: number; readonly hash: string };
  /**
   * Entries `from`..head, complete. Entries before `from` concern other rooms only; `from`'s
   * `prev` names the one before it, which the report does not include.
   */
  readonly log: { readonly from: number; readonly file: typeof LOG_NAME; readonly entries: readonly ManifestEntry[] };
  readonly captures: readonly ManifestCapture[];
  /** Every message version the report shows, by hash (the canonical form v1, docs/hashing.md §2). */
  readonly messages: Readonly<Record<string, Message>>;
  readonly transcript: readonly ManifestShown[];
  readonly timestamps: readonly ManifestTimestamp[];
  readonly attachments: readonly ManifestAttachment[];
  /** Every embedded file but the manifest itself, by name. */
  readonly files: Readonly<Record<string, ManifestFile>>;
}
