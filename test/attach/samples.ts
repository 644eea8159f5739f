import { crc32, deflateSync } from 'node:zlib';

/** A real 1×1 RGBA PNG, built chunk by chunk (PNG §5.3: length, type, data, CRC-32 of type+data). */
export function png1x1(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, adaptive filtering, no interlace
  const scanline = Buffer.from([0, 0xff, 0x00, 0x00, 0xff]); // filter "none", one red pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanline)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal PDF as a deliverable: the header is what the signature looks at. */
export function tinyPdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
}

/** An ISO BMFF file starting with an `ftyp` box of the given major brand (HEIC photos from iPhones). */
export function ftyp(brand: string): Buffer {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftyp', 4, 'ascii');
  box.write(brand, 8, 'ascii');
  box.write('mif1heic', 16, 'ascii');
  return box;
}

/** A ZIP made of stored (uncompressed) entries, local headers only: enough for the signature walk. */
export function zipOf(entries: readonly { name: string; data: string }[], opts: { dataDescriptor?: boolean } = {}): Buffer {
  const parts = entries.map(({ name, data }) => {
    const nameBytes = Buffer.from(name, 'utf8');
    const body = Buffer.from(data, 'utf8');
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(opts.dataDescriptor ? 0x08 : 0, 6);
    h.writeUInt32LE(crc32(body), 14);
    h.writeUInt32LE(opts.dataDescriptor ? 0 : body.length, 18);
    h.writeUInt32LE(opts.dataDescriptor ? 0 : body.length, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    return Buffer.concat([h, nameBytes, body]);
  });
  return Buffer.concat([...parts, Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
}
