/**
 * `npm run fuzz [-- --per-importer N --seed S --state FILE --fresh]`: N generated inputs (default
 * 100,000) through each importer's parser, seeded, in batches of 1,000. After each batch the counts
 * go to the state file, so a run that was stopped goes on where it was; --fresh starts over. Exit
 * 1 if any input met an internal error; each one's coordinates are in the state file to replay.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { importers } from '../../src/importers/registry.js';
import { addCounts, noCounts, runBatch, type Counts, type Failure } from './fuzz.js';

const BATCH = 1000;

interface State {
  readonly seed: number;
  readonly perImporter: number;
  readonly done: Record<string, { batches: number; counts: Counts }>;
  readonly failures: Failure[];
}

const { values } = parseArgs({
  options: {
    'per-importer': { type: 'string', default: '100000' },
    seed: { type: 'string', default: '22' },
    state: { type: 'string', default: '.fuzz/state.json' },
    fresh: { type: 'boolean', default: false },
  },
});
const perImporter = Number(values['per-importer']);
const seed = Number(values.seed);
const statePath = values.state;

function load(): State {
  if (!values.fresh) {
    try {
      const s = JSON.parse(readFileSync(statePath, 'utf8')) as State;
      if (s.seed === seed && s.perImporter === perImporter) return s;
      console.error(`fuzz: ${statePath} is of another run (seed ${s.seed}, ${s.perImporter} per importer): starting over`);
    } catch {
      // No state yet: a new run.
    }
  }
  return { seed, perImporter, done: {}, failures: [] };
}

function save(state: State): void {
  mkdirSync(dirname(statePath), { recursive: true });
  writeFileSync(statePath + '.new', JSON.stringify(state, null, 2));
  // Renamed in, so a run killed while saving keeps the previous state whole.
  renameSync(statePath + '.new', statePath);
}

const state = load();
const batches = Math.ceil(perImporter / BATCH);
const started = Date.now();
for (const importer of importers) {
  const entry = (state.done[importer.format] ??= { batches: 0, counts: noCounts() });
  for (let b = entry.batches; b < batches; b++) {
    const size = Math.min(BATCH, perImporter - b * BATCH);
    entry.counts = addCounts(entry.counts, runBatch(importer, seed, b, size, state.failures));
    entry.batches = b + 1;
    save(state);
    if ((b + 1) % 10 === 0 || b + 1 === batches) {
      console.error(`fuzz: ${importer.format} ${entry.counts.inputs}/${perImporter} (${Math.round((Date.now() - started) / 1000)} s)`);
    }
  }
}
console.log(
  JSON.stringify(
    { seed, perImporter, importers: Object.fromEntries(Object.entries(state.done).map(([k, v]) => [k, v.counts])), internal: state.failures.length },
    null,
    2,
  ),
);
for (const f of state.failures.slice(0, 20)) console.error(`fuzz: internal error: ${f.importer} batch ${f.batch} input ${f.index}: ${f.why}`);
process.exitCode = state.failures.length === 0 ? 0 : 1;
