/** English: what the archive's store says about stored originals and its own layout. */
export const storeEn = {
  'archive.original-missing': (p: { sha256: string }) => `The stored file ${p.sha256} is missing from the archive.`,
  'integrity.original-damaged': (p: { sha256: string; what: string }) => `The stored file ${p.sha256} is damaged: ${p.what}.`,
  'integrity.chunk-missing': (p: { n: number; hash: string }) => `its chunk ${p.n} (${p.hash}) is missing`,
  'integrity.chunk-unreadable': (p: { n: number; hash: string }) => `its chunk ${p.n} (${p.hash}) cannot be decompressed`,
  'integrity.chunk-hash': (p: { n: number; hash: string }) => `its chunk ${p.n} does not hash to ${p.hash}`,
};
