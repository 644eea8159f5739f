/**
 * The `report` entry: a PDF was written from the archive. The PDF cannot contain its own hash, so
 * this entry, appended once the file is in place, is what ties the file to the log.
 */
export interface ReportFacts {
  readonly sha256: string;
  readonly size: number;
  readonly pages: number;
  /** The file's name (not its folder: that is the user's, and no evidence). */
  readonly file: string;
  readonly mode: string;
  readonly range: unknown;
  readonly head: { readonly seq: number; readonly hash: string };
  readonly manifestSha256: string;
  readonly lang: string;
  readonly title: string;
}

export type ReportPayload = {
  readonly report: ReportFacts;
};

export function reportPayload(r: ReportFacts): ReportPayload {
  return { report: { ...r, head: { seq: r.head.seq, hash: r.head.hash } } };
}
