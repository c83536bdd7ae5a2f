// Importing this file registers the duplicate scan job (see jobs/all.ts).
export { scanJob } from './scans.ts';
