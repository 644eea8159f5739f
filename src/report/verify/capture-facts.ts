/** What the capture's log entry states: the facts every other check of it is compared with. */
export interface CaptureFacts {
  readonly rawSha256: string;
  readonly rawSize: number;
  readonly merkleRoot: string;
  readonly messageCount: number;
  readonly format: string;
  readonly tz: string;
  readonly parserVersion: string;
  readonly blobs: readonly string[];
}
