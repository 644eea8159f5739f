/** The change-detection core (docs/diff.md): pure functions over captures as plain data. */
export type { ArchiveView, CaptureView, Change, ChangeCounts, ChangeType, HistoryEntry, MessageStatus, RoomObservation, ViewMessage } from './types.js';
export { compareCaptures, compareSides, compareWithView, countChanges, isReported } from './compare.js';
export { itemsSide, messagesSide, type BeforeSide, type CompareSide } from './sides.js';
export { buildArchiveView, extendArchiveView, stepArchiveView, viewMessage, EMPTY_ARCHIVE_VIEW, type ViewStep } from './view.js';
export { DELETION_MARKS, isDeletionMark } from './removal.js';
export { EDIT_SIMILARITY_MIN, similarity } from './similarity.js';
