/**
 * Every file chatproof writes for the user (a report, a backup, future exports) goes through this
 * module: guardOutput refuses a target that would destroy evidence, AtomicFile writes it whole or
 * not at all, private by default.
 */
export { guardOutput, SQLITE_COMPANIONS, type Protected } from './guard.js';
export { AtomicFile, PRIVATE_MODE, removeLiveTemporaries } from './atomic-file.js';
export { parseMode } from './mode.js';
