/** One finding of `verify`: what kind, where (table/row or entry), expected and actual values. */
export interface Problem {
  readonly kind: string;
  readonly where: string;
  readonly expected: string;
  readonly actual: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly entries: number;
  readonly captures: number;
  readonly messages: number;
  readonly blobs: number;
  readonly problems: readonly Problem[];
}

export type VerifyProgress = (phase: string, done: number, total: number) => void;

/** Message hashes as lower-case hex, as `exists` is asked for them. */
export interface MessageIndex { readonly count: number; readonly exists: (hashHex: string) => boolean }
