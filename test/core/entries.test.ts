import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/canonical.js';
import { attachmentPayload, readAttachmentEntry, type Attachment } from '../../src/core/entries/attachment.js';
import { captureAsOf, capturePayload, inAsOfOrder, readCapture, readCaptureStatement, type CaptureFacts } from '../../src/core/entries/capture.js';
import { notePayload, readNote } from '../../src/core/entries/note.js';
import { observationPayload, readObservation, ROOM_UNREACHABLE } from '../../src/core/entries/observation.js';
import { readRoom, readRoomStatement, roomPayload } from '../../src/core/entries/room.js';
import { readTimestamp, stampedBytesText, timestampPayload } from '../../src/core/entries/timestamp.js';

/** As the log stores a payload and a reader gets it back: canonical JSON text, parsed. */
const stored = (payload: object): Record<string, unknown> => JSON.parse(canonicalJson(payload)) as Record<string, unknown>;

const text = fc.string({ maxLength: 20 });
const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const iso = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const capture: fc.Arbitrary<CaptureFacts> = fc
  .record({
    id: text,
    roomId: text,
    rawSha256: hex,
    rawSize: fc.nat(),
    format: text,
    variant: text,
    parserVersion: text,
    tz: text,
    coverage: fc.record({ kind: fc.constantFrom('full' as const, 'window' as const), from: fc.option(iso), to: fc.option(iso) }),
    messageCount: fc.nat(),
    merkleRoot: hex,
    capturedAt: iso,
  })
  .chain((c) => fc.record({ sourceSavedAt: iso, reparseOf: text }, { requiredKeys: [] }).map((optional): CaptureFacts => ({ ...c, ...optional })));

describe('log entries: each kind reads back what it built', () => {
  it('capture: every fact, the meta, and the further originals', () => {
    fc.assert(
      fc.property(capture, fc.dictionary(text, fc.jsonValue()), fc.array(hex, { maxLength: 3 }), (c, meta, extras) => {
        const read = readCapture(stored(capturePayload(c, meta, extras)));
        expect(read).toEqual({ ok: true, value: { capture: c, meta: stored(meta), blobs: extras } });
      }),
    );
  });

  it('capture: a plain import has no `blobs` key, so its entry keeps the exact shape (and hash) it always had', () => {
    fc.assert(
      fc.property(capture, (c) => {
        expect(Object.keys(capturePayload(c, {}, []))).toEqual(['capture']);
      }),
    );
  });

  it('capture: an entry without a save time or a re-parse states neither key, as entries before them did', () => {
    const read = readCapture(stored({ capture: { ...plain, meta: {} } }));
    expect(read.ok && Object.keys(read.value.capture)).not.toContain('sourceSavedAt');
    expect(read.ok && Object.keys(read.value.capture)).not.toContain('reparseOf');
  });

  it('room, note, observation, timestamp, attachment', () => {
    const room = { id: 'r1', source: 'line' as const, externalId: null, title: '佐藤花子' };
    expect(readRoom(stored(roomPayload(room)))).toEqual({ ok: true, value: room });
    expect(readNote(stored(notePayload('相手が退出した')))).toEqual({ ok: true, value: { text: '相手が退出した' } });
    const obs = {
      what: ROOM_UNREACHABLE,
      source: 'chatwork-api',
      request: 'GET /rooms/1',
      status: 403,
      detail: 'no access',
      at: '2024-01-01T00:00:00Z',
      listedInRooms: false,
      bodyBlob: 'a'.repeat(64),
      roomsBlob: 'b'.repeat(64),
    };
    const observation = stored(observationPayload(obs));
    expect(readObservation(observation)).toEqual({ ok: true, value: { what: ROOM_UNREACHABLE, status: 403, detail: 'no access' } });
    expect(observation['blobs']).toEqual([obs.bodyBlob, obs.roomsBlob]);
    const ts = {
      seq: 7,
      hash: 'c'.repeat(64),
      tokenSha256: 'd'.repeat(64),
      genTime: '2024-01-01T00:00:00Z',
      tsaName: null,
      tsaUrl: 'http://127.0.0.1/tsa',
      serial: '01',
      policy: '1.2.3',
    };
    expect(readTimestamp(stored(timestampPayload(ts)))).toEqual({
      ok: true,
      value: { data: stampedBytesText(7, ts.hash), seq: 7, hash: ts.hash, tokenSha256: ts.tokenSha256, tsaName: null, tsaUrl: ts.tsaUrl },
    });
    const file: Attachment = {
      name: 'LP.pdf',
      sha256: 'e'.repeat(64),
      size: 10,
      kind: 'deliverable',
      mime: 'application/pdf',
      note: null,
      forMessage: null,
      bytesKept: false,
      detected: 'pdf',
    };
    expect(readAttachmentEntry(stored(attachmentPayload(file)))).toEqual({ ok: true, value: file });
    expect(attachmentPayload(file).blobs).toEqual([]);
  });
});

describe('log entries: a payload that does not fit is a problem, never a guess', () => {
  it('names what is wrong', () => {
    expect(readCapture({ capture: { id: 'x' } })).toMatchObject({ ok: false });
    expect(readCapture({})).toEqual({ ok: false, problem: 'a capture entry without its capture' });
    expect(readRoom({ room: { id: 'r', source: 'line', title: 't' } })).toMatchObject({ ok: false }); // externalId absent, not null
    expect(readNote({ note: { text: 5 } })).toMatchObject({ ok: false });
    expect(readObservation({ observation: {} })).toMatchObject({ ok: false });
    expect(readAttachmentEntry({ attachment: { name: 'a' } })).toEqual({ ok: false, problem: '"sha256" is not valid (found nothing)' });
  });

  it('a timestamp whose stamped text is not the head it names is refused: the token would vouch for another head', () => {
    const good = stored(
      timestampPayload({ seq: 7, hash: 'c'.repeat(64), tokenSha256: 'd'.repeat(64), genTime: 'x', tsaName: null, tsaUrl: 'u', serial: '1', policy: 'p' }),
    );
    const forged = { ...good, timestamp: { ...(good['timestamp'] as object), seq: 8 } };
    expect(readTimestamp(forged)).toEqual({ ok: false, problem: 'a timestamp entry whose stamped data is not the head it names' });
  });

  it('no reader throws on any JSON value', () => {
    const readers = [readCapture, readRoom, readNote, readObservation, readTimestamp, readAttachmentEntry, readCaptureStatement, readRoomStatement];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('capture', 'room', 'note', 'observation', 'timestamp', 'attachment', 'blobs'), fc.jsonValue()), (payload) => {
        for (const read of readers) expect(typeof read(payload).ok).toBe('boolean');
      }),
    );
  });
});

describe('log entries: the tolerant readers verify compares rows with', () => {
  it('state every fact a row restates, as built', () => {
    fc.assert(
      fc.property(capture, (c) => {
        // The save time and the re-parse are stated by the entry alone: no column restates them.
        const { roomId: _room, rawSize: _size, sourceSavedAt: _saved, reparseOf: _of, coverage, ...rest } = c;
        expect(readCaptureStatement(stored(capturePayload(c, {}, [])))).toEqual({
          ok: true,
          value: { ...rest, coverageKind: coverage.kind, coverageFrom: coverage.from, coverageTo: coverage.to },
        });
      }),
    );
    const room = { id: 'r', source: 'line' as const, externalId: null, title: 't' };
    expect(readRoomStatement(stored(roomPayload(room)))).toEqual({ ok: true, value: room });
  });

  // The strict readers refuse these; verify must still see them, to blame the one wrong fact on its column.
  it('keep a fact of the wrong type or a missing one as found, so it is one finding, not an entry gone', () => {
    expect(readCaptureStatement({ capture: { id: 'c', messageCount: '3' } })).toEqual({
      ok: true,
      value: {
        id: 'c',
        rawSha256: undefined,
        format: undefined,
        variant: undefined,
        parserVersion: undefined,
        tz: undefined,
        coverageKind: undefined,
        coverageFrom: undefined,
        coverageTo: undefined,
        messageCount: '3',
        merkleRoot: undefined,
        capturedAt: undefined,
      },
    });
    expect(readRoomStatement({ room: { id: 'r', title: 7 } })).toEqual({ ok: true, value: { id: 'r', source: undefined, externalId: undefined, title: 7 } });
  });

  it('refuse a payload that states no such record', () => {
    expect(readCaptureStatement({ room: { id: 'r' } })).toEqual({ ok: false, problem: 'an entry without a capture' });
    expect(readRoomStatement({ capture: { id: 'c' } })).toEqual({ ok: false, problem: 'an entry without a room' });
    expect(readRoomStatement({ room: 'r' })).toMatchObject({ ok: false });
  });
});

const plain = {
  id: 'c',
  roomId: 'r',
  rawSha256: 'a'.repeat(64),
  rawSize: 1,
  format: 'line',
  variant: 'v',
  parserVersion: 'p',
  tz: 'Asia/Tokyo',
  coverage: { kind: 'full' as const, from: null, to: null },
  messageCount: 0,
  merkleRoot: 'b'.repeat(64),
  capturedAt: '2026-01-10T00:00:00.000Z',
};

describe('captureAsOf: when a capture shows its room as of (docs/design/evidence-model.md P12)', () => {
  it("is the source's save time where stated, else the import time", () => {
    expect(captureAsOf(plain)).toBe(plain.capturedAt);
    expect(captureAsOf({ ...plain, sourceSavedAt: '2024-03-05T20:00:00+09:00' })).toBe('2024-03-05T20:00:00+09:00');
    // A save time that does not read as a time orders nothing: the import time stands.
    expect(captureAsOf({ ...plain, sourceSavedAt: 'yesterday' })).toBe(plain.capturedAt);
  });

  it('a re-parse is as of the capture whose original it reads again, through a chain, and a loop ends at the last capture found', () => {
    const byId = new Map<string, { capturedAt: string; sourceSavedAt?: string; reparseOf?: string }>([
      ['paste', { capturedAt: '2025-01-01T00:00:00.000Z' }],
      ['again', { capturedAt: '2026-01-01T00:00:00.000Z', reparseOf: 'paste' }],
      ['loop-a', { capturedAt: '2026-02-01T00:00:00.000Z', reparseOf: 'loop-b' }],
      ['loop-b', { capturedAt: '2026-03-01T00:00:00.000Z', reparseOf: 'loop-a' }],
    ]);
    const lookup = (id: string) => byId.get(id);
    expect(captureAsOf({ ...plain, reparseOf: 'paste' }, lookup)).toBe('2025-01-01T00:00:00.000Z');
    expect(captureAsOf({ ...plain, reparseOf: 'again' }, lookup)).toBe('2025-01-01T00:00:00.000Z');
    expect(captureAsOf({ ...plain, reparseOf: 'gone' }, lookup)).toBe(plain.capturedAt);
    expect(captureAsOf({ ...plain, reparseOf: 'loop-a' }, lookup)).toBe('2026-03-01T00:00:00.000Z');
    // Its own stated save time wins: a re-parse of a LINE export reads the same 保存日時 again.
    expect(captureAsOf({ ...plain, sourceSavedAt: '2024-03-05T20:00:00+09:00', reparseOf: 'paste' }, lookup)).toBe('2024-03-05T20:00:00+09:00');
  });

  it('orders by instant whatever the offset, ties in log order', () => {
    const c = (entrySeq: number, asOf: string) => ({ entrySeq, asOf });
    const sorted = inAsOfOrder([
      c(1, '2024-03-12T22:00:00+09:00'),
      c(2, '2024-03-05T20:00:00+09:00'),
      c(3, '2024-03-12T13:00:00Z'),
      c(4, '2024-03-12T12:59:59Z'),
    ]);
    expect(sorted.map((x) => x.entrySeq)).toEqual([2, 4, 1, 3]);
  });
});
