/**
 * English: what chatproof says at its edges with the file system and the terminal: an output
 * refused before anything is written, an input it will not read, a missing archive, output that
 * could not be written.
 */
export const ioEn = {
  'help.output.mode': 'permissions of the file written, in octal (default 600: only you can read it; 640 or 644 share it on purpose)',
  'kind.folder': 'a folder',
  'kind.fifo': 'a named pipe (FIFO)',
  'kind.socket': 'a socket',
  'kind.device': 'a device',
  'kind.other': 'not a regular file',
  'usage.output.no-folder': (p: { file: string; folder: string }) => `Cannot write ${p.file}: the folder ${p.folder} does not exist.`,
  'usage.output.no-folder.hint': 'Create the folder first, or choose another output path.',
  'usage.output.not-regular': (p: { file: string; kind: string }) => `Not writing to ${p.file}: it is ${p.kind}. Nothing was changed.`,
  'usage.output.archive': (p: { file: string }) => `Not writing to ${p.file}: it is the archive that holds the evidence. Nothing was changed.`,
  'usage.output.companion': (p: { file: string; suffix: string }) =>
    `Not writing to ${p.file}: it is the archive's ${p.suffix} file (writing it would damage the archive). Nothing was changed.`,
  'usage.output.input': (p: { file: string }) => `Not writing to ${p.file}: it is the input this command reads. Nothing was changed.`,
  'hint.output.choose-another': 'Choose another file name, or another folder.',
  'usage.output.cannot-create': (p: { file: string; folder: string; why: string }) =>
    `Cannot write ${p.file}: no file can be made in ${p.folder} (${p.why}). Nothing was changed.`,
  'archive.output-failed': (p: { file: string; why: string }) => `Writing ${p.file} failed (${p.why}); the file was not written.`,
  'archive.output-failed.hint': 'Check the disk: free space, a removed or failing drive. Then run the command again.',
  'usage.mode': (p: { value: string }) => `--mode takes an octal permission such as 600 or 640, not "${p.value}".`,
  'input.not-a-file': (p: { where: string; kind: string }) => `${p.where} is ${p.kind}, not a file; nothing was read.`,
  'input.not-a-file.hint': 'Name the exported file itself, or use - to read standard input.',
  'input.pipe-no-writer': (p: { where: string; seconds: number }) =>
    `${p.where} is a named pipe, and no program wrote to it in ${p.seconds} s; nothing was read.`,
  'input.pipe-no-writer.hint': 'Start the program that writes into the pipe first, or name a file instead.',
  'input.report-too-big': (p: { where: string; size: number; max: number }) => `${p.where} is ${p.size} bytes, more than a report can be (${p.max} bytes).`,
  'input.cert-too-big': (p: { size: number; max: number }) => `The certificate file is ${p.size} bytes, more than any certificate file (${p.max}).`,
  'archive.missing': (p: { path: string }) => `No archive at ${p.path}.`,
  'archive.missing.hint': (p: { fallback: string }) =>
    `Check the --db path (without it, chatproof uses ${p.fallback}). To start, import a chat first: chatproof import FILE.`,
  'archive.backup-unsound': (p: { result: string }) => `The copy did not check out (${p.result}); no backup was written.`,
  'interrupted.backup': 'Interrupted; no backup was written.',
  'cli.output-failed': (p: { why: string }) => `chatproof: the output could not be written (${p.why}): the disk may be full or failing.`,
};
