import { describe, expect, it } from 'vitest';
import { detectFileType, SIGNATURE_HEAD_BYTES } from '../../src/attach/signatures.js';
import { ftyp, png1x1, tinyPdf, zipOf } from './samples.js';

const bytes = (...parts: (string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const OOXML = (folder: string, file: string): Buffer =>
  zipOf([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: '_rels/.rels', data: '<Relationships/>' },
    { name: `${folder}${file}`, data: '<x/>' },
  ]);

describe('detectFileType: what the bytes say, whatever the name', () => {
  it.each([
    ['a real PNG', png1x1(), 'png', 'image/png', true],
    ['a JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0'), 'jpeg', 'image/jpeg', true],
    ['a JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10], 'Exif\0\0'), 'jpeg', 'image/jpeg', true],
    ['a GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'gif', 'image/gif', true],
    ['a GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'gif', 'image/gif', true],
    ['a WebP', bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8L'), 'webp', 'image/webp', true],
    ['an iPhone HEIC (heic)', ftyp('heic'), 'heic', 'image/heic', true],
    ['a HEIC sequence frame (heix)', ftyp('heix'), 'heic', 'image/heic', true],
    ['a HEIF image (mif1)', ftyp('mif1'), 'heif', 'image/heif', true],
    ['a HEIF sequence (msf1)', ftyp('msf1'), 'heif', 'image/heif', true],
    ['a PDF', tinyPdf(), 'pdf', 'application/pdf', false],
    ['a Word document', OOXML('word/', 'document.xml'), 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', false],
    ['an Excel workbook', OOXML('xl/', 'workbook.xml'), 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
    ['a PowerPoint deck', OOXML('ppt/', 'presentation.xml'), 'pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation', false],
    ['a plain ZIP', zipOf([{ name: 'design/logo.ai', data: 'x' }]), 'zip', 'application/zip', false],
    ['an empty ZIP', bytes([0x50, 0x4b, 0x05, 0x06], Array(18).fill(0) as number[]), 'zip', 'application/zip', false],
  ])('%s', (_what, head, name, mime, image) => {
    expect(detectFileType(head)).toEqual({ name, mime, image });
  });

  it('a ZIP whose sizes follow the data (flag bit 3) is a plain ZIP: the walk cannot reach the Office folder', () => {
    const zip = zipOf(
      [
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', data: '<x/>' },
      ],
      { dataDescriptor: true },
    );
    expect(detectFileType(zip)?.name).toBe('zip');
  });

  it('finds the Office folder when it is the first entry too', () => {
    expect(detectFileType(zipOf([{ name: 'xl/workbook.xml', data: '' }]))?.name).toBe('xlsx');
  });

  it.each([
    ['nothing', Buffer.alloc(0)],
    ['plain text', Buffer.from('納品物です。ご確認ください。\n', 'utf8')],
    ['a PNG signature with one byte wrong', bytes([0x89], 'PNG\r\n', [0x1a, 0x00])],
    ['a PNG signature cut short', bytes([0x89], 'PNG')],
    ['two bytes of a JPEG', bytes([0xff, 0xd8])],
    ['a RIFF that is a WAV, not a WebP', bytes('RIFF', [26, 0, 0, 0], 'WAVEfmt ')],
    ['an MP4 (ftyp isom)', ftyp('isom')],
    ['an ftyp box cut before its brand', ftyp('heic').subarray(0, 10)],
    ['"%PDF" not at the start', Buffer.from('see attached %PDF-1.4')],
    ['"PK" alone', Buffer.from('PK')],
  ])('%s → null', (_what, head) => {
    expect(detectFileType(head)).toBeNull();
  });

  it('looks at no more than SIGNATURE_HEAD_BYTES: an Office folder beyond them leaves a plain ZIP', () => {
    const big = zipOf([
      { name: 'media/big.bin', data: 'x'.repeat(SIGNATURE_HEAD_BYTES) },
      { name: 'word/document.xml', data: '' },
    ]);
    expect(detectFileType(big)?.name).toBe('zip');
  });
});
