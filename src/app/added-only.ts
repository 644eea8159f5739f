import type { ChangeCounts } from '../core/diff/index.js';

/**
 * The changes of a room's first capture: every message is added. Its own module so that `import`
 * into a new room need not load the diff core (~6 ms of a 20k import's start-up, docs/performance.md).
 */
export function addedOnly(messageCount: number): ChangeCounts {
  return { added: messageCount, edited: 0, deleted: 0, unsent: 0, unchanged: 0, notCovered: 0 };
}
