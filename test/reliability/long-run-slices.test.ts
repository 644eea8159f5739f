/**
 * A bounded slice of the two long runs (docs/reliability.md), so CI keeps them working: a batch
 * of `npm run fuzz` per importer and a few kills of `npm run soak`, with the same counts and the
 * same rule (nothing lost, nothing half-written, no internal error).
 */
import { describe, expect, it } from 'vitest';
import { importers } from '../../src/importers/registry.js';
import { runBatch, type Failure } from '../fuzz/fuzz.js';
import { soak } from '../soak/soak.js';
import { reportNumbers } from './support/random.js';

describe('slices of the long runs', () => {
  it('fuzz: 300 generated inputs per importer, no internal error, every outcome counted', () => {
    const failures: Failure[] = [];
    for (const importer of importers) {
      // Batch 7 of seed 22: inputs that the full run (batches from 0) also meets.
      const counts = runBatch(importer, 22, 7, 300, failures);
      expect(counts.inputs).toBe(300);
      expect(counts.parsed + counts.refused + counts.decoderRefused + counts.internal).toBe(300);
      // The mutations keep some inputs readable: a generator that only made junk would test little.
      expect(counts.parsed, importer.format).toBeGreaterThan(0);
    }
    expect(failures).toEqual([]);
  });

  it('soak: 8 SIGKILLs over import, attach, sync, report and backup, the archive verified after each', async () => {
    const counts = await soak({ kills: 8, seed: 22 });
    reportNumbers('soak-slice', { runs: counts.runs, kills: counts.kills, killsByOp: counts.killsByOp, finished: counts.finished });
    expect(counts.problems).toEqual([]);
    expect(counts.kills).toBe(8);
    expect(counts.capturesLostOrHalfWritten + counts.archiveVerifyFailures + counts.badOutputs + counts.internalErrors).toBe(0);
  }, 120_000);
});
