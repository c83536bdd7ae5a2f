/** Duplicate detection, the review queue, merge and undo routes. */
export { duplicateRoutes } from './routes.ts';
/** Runs a duplicate scan in the caller's process (CLI, tests, benchmarks). */
export { scanNow, runScan } from './scans.ts';
/** Finds and stores likely duplicate pairs for one organization. */
export { detectDuplicates } from './detect.ts';
/** Merging two contacts outside HTTP (imports that resolve a match, for example). */
export { mergeContacts, undoMerge } from './merge.ts';
