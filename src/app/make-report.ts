import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { pdfExporter } from '../../exporters/pdf/index.js';
import type { RenderProgress } from '../../exporters/exporter.js';
import type { Archive } from '../store/archive.js';
import type { EntryRecord, RoomRecord } from '../store/records.js';
import type { ResolvedTsa, TimestampToken } from '../timestamp/index.js';
import { AtomicFile } from '../output/index.js';
import { buildReport, composeReport } from '../report/build.js';
import { reportFromState } from '../report/from-state.js';
import { rebuildRoomState } from '../store/room-state/update.js';
import { REBUILD_THREAD_FROM, rebuildStateInThread } from '../store/state-rebuild-thread.js';
import type { BuildOptions } from '../report/options.js';
import { collectReportSource } from '../report/collect.js';
import type { Report } from '../report/model.js';
import type { ReportSource } from '../report/source.js';
import { stampDocument } from './doc-stamp.js';
import { stampLogHead, type Anchors, type Stamped } from './stamp.js';
import { originalsDisagreeing } from './verify-archive.js';
import { reparseProblems } from './verify-reparse.js';
import { IntegrityError } from '../core/errors.js';
import { msg } from '../i18n/message.js';
import { reportPayload } from '../core/entries/report.js';

export interface ExportRequest extends BuildOptions {
  readonly room: RoomRecord;
  /** Absolute path of the PDF to write. */
  readonly file: string;
  /** Permission bits of the PDF; private (0600) unless the user asked for more. */
  readonly fileMode?: number;
  readonly tsa: ResolvedTsa | null;
  readonly anchors: Anchors;
  readonly signal?: AbortSignal;
  readonly progress?: RenderProgress;
}

export interface Exported {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly pages: number;
  readonly entry: EntryRecord;
  readonly stamped: Stamped | null;
  /** The PDF document timestamp's token (the whole file's), when a TSA was asked. */
  readonly documentStamp: TimestampToken | null;
}

/**
 * `chatproof report`: stamp (if asked), build the model, render atomically, then log the export.
 * With a TSA the rendered file also gets a PAdES document timestamp over its bytes (./doc-stamp.ts)
 * before it is written: render → placeholder → TSA → splice → atomic write → log entry.
 * The PDF cannot contain its own hash, so the `report` entry is appended after the file is in
 * place; if that append fails the file is removed again, so a PDF on disk always has its entry.
 * Stored data that no longer matches its hashes is an IntegrityError before anything is written.
 */
export async function exportReport(archive: Archive, req: ExportRequest): Promise<Exported> {
  // Stamping logs an entry: the stored data is read (and so checked against its hashes) first, so
  // a damaged archive gets neither a timestamp nor a report.
  if (req.tsa !== null) await reportOf(archive, req);
  // A consistent rewrite of stored messages passes every hash; the originals still say what they said.
  const disagreeing = (await originalsDisagreeing(archive, req.room.id))[0];
  if (disagreeing !== undefined) {
    const key = disagreeing.kind.startsWith('capture-saved-at')
      ? 'integrity.saved-at-disagrees'
      : disagreeing.kind === 'capture-coverage-differs'
        ? 'integrity.coverage-disagrees'
        : 'integrity.original-disagrees';
    throw new IntegrityError(msg(key, { where: disagreeing.where, expected: disagreeing.expected, actual: disagreeing.actual }), {
      hint: msg('hint.run-verify'),
    });
  }
  // A capture that borrows another capture's time would date the report's messages wrongly.
  const borrowed = reparseProblems(archive.entries(req.room.id))[0];
  if (borrowed !== undefined)
    throw new IntegrityError(msg('integrity.reparse-of-wrong', { where: borrowed.where, expected: borrowed.expected, actual: borrowed.actual }), {
      hint: msg('hint.run-verify'),
    });
  const stamped = req.tsa === null ? null : await stampLogHead(archive, req.tsa, req.anchors);
  const report = await reportOf(archive, req);
  const out = new AtomicFile(req.file, req.fileMode);
  let written: { sha256: string; size: number };
  let pages: number;
  let documentStamp: TimestampToken | null = null;
  try {
    if (stamped === null) {
      ({ pages } = await pdfExporter.render(report, out, req.signal, req.progress));
    } else {
      // The document timestamp covers the finished file: render in memory, stamp, then write.
      const chunks: Uint8Array[] = [];
      ({ pages } = await pdfExporter.render(report, { write: (c) => void chunks.push(Uint8Array.from(c)) }, req.signal, req.progress));
      const done = await stampDocument(Buffer.concat(chunks), req.tsa!, stamped.token.tokenDer);
      out.write(done.bytes);
      documentStamp = done.token;
    }
    written = out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
  let entry: EntryRecord;
  try {
    entry = archive.append(
      'report',
      req.room.id,
      reportPayload({
        sha256: written.sha256,
        size: written.size,
        pages,
        file: basename(req.file),
        mode: report.mode,
        range: report.range,
        head: report.head,
        manifestSha256: report.manifestSha256,
        lang: report.lang,
        title: report.title,
      }),
    );
  } catch (e) {
    rmSync(req.file, { force: true });
    throw e;
  }
  return { file: req.file, sha256: written.sha256, size: written.size, pages, entry, stamped, documentStamp };
}

/**
 * The source (every capture's messages, most of which the report does not keep) is held by this
 * frame only: a local of exportReport would stay reachable from its suspended frame for the whole
 * render, ~4 MB more peak RSS at 10k messages.
 */
async function reportOf(archive: Archive, req: ExportRequest): Promise<Report> {
  // A private report (a range, or --private) shows part of the room: read from its kept state (issue 21 item 3). The state is
  // derived rows with no hash of their own: an edit to them could hide an edit or a deletion in a way the state's checks against
  // the lists do not see (a deleted message's row removed, a version's sighting moved), so it is built again from the captures
  // first, and the report reads only what the captures give.
  if (req.private || req.range !== null) await rebuiltState(archive, req.room.id);
  const fromState = req.private || req.range !== null ? await reportFromState(archive, req.room, req) : null;
  if (fromState !== null) return composeReport(fromState.src, req, fromState.set, fromState.proofs);
  return buildReport(sourceOf(archive, req), req);
}

/** The room's state built again from its captures; in a second thread when it is large, whose heap goes when it ends. */
async function rebuiltState(archive: Archive, roomId: string): Promise<void> {
  if (archive.sqlite.readonly) return;
  const folded = archive.captures(roomId).reduce((n, c) => n + c.messageCount, 0);
  if (folded >= REBUILD_THREAD_FROM && (await rebuildStateInThread({ path: archive.path, roomId }))) return;
  rebuildRoomState(archive, roomId);
}

function sourceOf(archive: Archive, req: ExportRequest): ReportSource {
  return collectReportSource(archive, req.room, { withOriginals: !(req.private || req.range !== null) });
}
