import { describe, expect, it } from 'vitest';
import { listRoomFiles } from '../../src/attach/files.js';
import { describeAttachment, readAttachment, type AttachmentFacts } from '../../src/attach/payload.js';
import { IntegrityError } from '../../src/core/errors.js';
import { png1x1, tinyPdf } from './samples.js';

const facts = (over: Partial<AttachmentFacts> = {}): AttachmentFacts => ({
  name: 'shot.png',
  sha256: 'a'.repeat(64),
  size: 70,
  head: png1x1(),
  requestedKind: 'screenshot',
  note: null,
  forMessage: null,
  bytesKept: true,
  ...over,
});

describe('describeAttachment', () => {
  it('states every key, null where absent, and lists the kept blob', () => {
    const { payload, demoted } = describeAttachment(facts({ note: '納品前の画面', forMessage: 'b'.repeat(64) }));
    expect(demoted).toBe(false);
    expect(payload).toEqual({
      attachment: {
        name: 'shot.png',
        sha256: 'a'.repeat(64),
        size: 70,
        kind: 'screenshot',
        mime: 'image/png',
        note: '納品前の画面',
        forMessage: 'b'.repeat(64),
        bytesKept: true,
        detected: 'png',
      },
      blobs: ['a'.repeat(64)],
    });
  });

  it('lists no blob when only the hash is recorded', () => {
    expect(describeAttachment(facts({ bytesKept: false })).payload.blobs).toEqual([]);
  });

  it('a "screenshot" that is a PDF becomes "other", and says what it is', () => {
    const { payload, demoted } = describeAttachment(facts({ head: tinyPdf() }));
    expect(demoted).toBe(true);
    expect(payload.attachment).toMatchObject({ kind: 'other', mime: 'application/pdf', detected: 'pdf' });
  });

  it('unknown bytes are application/octet-stream with nothing detected; a deliverable stays a deliverable', () => {
    const { payload, demoted } = describeAttachment(facts({ head: Buffer.from('hello'), requestedKind: 'deliverable' }));
    expect(demoted).toBe(false);
    expect(payload.attachment).toMatchObject({ kind: 'deliverable', mime: 'application/octet-stream', detected: null });
  });
});

const entry = (seq: number, payload: Record<string, unknown>, kind = 'attachment' as const) => ({ seq, kind, at: `2024-03-10T0${seq}:00:00Z`, payload });

describe('listRoomFiles', () => {
  const pdf = describeAttachment(facts({ name: 'LP_v2.pdf', head: tinyPdf(), requestedKind: 'deliverable', note: 'v2' })).payload;
  const shot = describeAttachment(facts({ bytesKept: false })).payload;

  it('lists attachment entries in log order with when and where they were logged; ignores other kinds', () => {
    const files = listRoomFiles([entry(5, shot), { seq: 3, kind: 'note', at: 'x', payload: { note: { text: 'hi' } } }, entry(2, pdf)]);
    expect(files).toEqual([
      {
        name: 'LP_v2.pdf',
        sha256: 'a'.repeat(64),
        size: 70,
        kind: 'deliverable',
        mime: 'application/pdf',
        note: 'v2',
        forMessage: null,
        bytesKept: true,
        attachedAt: '2024-03-10T02:00:00Z',
        entrySeq: 2,
      },
      {
        name: 'shot.png',
        sha256: 'a'.repeat(64),
        size: 70,
        kind: 'screenshot',
        mime: 'image/png',
        note: null,
        forMessage: null,
        bytesKept: false,
        attachedAt: '2024-03-10T05:00:00Z',
        entrySeq: 5,
      },
    ]);
  });

  it('round-trips through JSON, as entries read from the archive do', () => {
    expect(listRoomFiles([entry(1, JSON.parse(JSON.stringify(pdf)) as Record<string, unknown>)])[0]?.name).toBe('LP_v2.pdf');
  });

  it('an empty room has no files', () => {
    expect(listRoomFiles([])).toEqual([]);
  });

  it('a malformed attachment entry is an IntegrityError naming the entry and the key, never dropped', () => {
    const broken = { attachment: { ...pdf.attachment, size: '70' }, blobs: [] };
    expect(() => listRoomFiles([entry(7, broken)])).toThrow(IntegrityError);
    expect(() => readAttachment(broken, 7)).toThrow(/entry 7 .*"size"/);
    expect(() => readAttachment({ attachment: { ...pdf.attachment, kind: 'photo' } }, 8)).toThrow(/"kind"/);
    expect(() => readAttachment({}, 9)).toThrow(/"attachment"/);
  });
});
