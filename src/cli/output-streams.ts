import type { Io } from './io.js';

type Sink = Io['stdout'];

interface Guarded {
  readonly stdout: Sink;
  readonly stderr: Sink;
  /** The first failure to write (a full disk, an I/O error) other than a reader that went away. */
  failure(): NodeJS.ErrnoException | null;
}

/**
 * stdout and stderr that cannot change a command's outcome. A reader that went away (EPIPE:
 * `verify | head -1`) only ends the output: the command finishes and keeps its exit code, so a
 * pipeline still sees 5 for a tampered archive. Any other failure (ENOSPC on /dev/full, EIO) is
 * kept for the CLI's edge to turn into exit 4. Errors arrive both thrown (files are written
 * synchronously) and as 'error' events (pipes), so both are caught.
 */
export function guardStreams(out: NodeJS.WriteStream, err: NodeJS.WriteStream): Guarded {
  let failed: NodeJS.ErrnoException | null = null;
  const guard = (stream: NodeJS.WriteStream): Sink => {
    let broken = false;
    const onError = (e: NodeJS.ErrnoException): void => {
      broken = true;
      if (e.code !== 'EPIPE' && failed === null) failed = e;
    };
    stream.on('error', onError);
    return {
      write(s: string): boolean {
        if (broken) return true;
        try {
          return stream.write(s);
        } catch (e) {
          onError(e as NodeJS.ErrnoException);
          return true;
        }
      },
      get isTTY() {
        return stream.isTTY;
      },
    };
  };
  return { stdout: guard(out), stderr: guard(err), failure: () => failed };
}
