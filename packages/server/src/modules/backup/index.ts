/** GET /api/orgs/:org/backup. */
export { backupRoutes } from './routes.ts';
/** Writing a whole organization to a gzip'd NDJSON stream (CLI, scheduled backups). */
export { writeBackupFile, backupToTempFile } from './service.ts';
/** Restoring a backup as a new organization, verified, in one transaction. */
export { restoreBackup, type RestoreSummary } from './restore.ts';
/** The organization tables a backup covers, discovered from db/schema.ts. */
export { orgTables, excludedTables, type OrgTable } from './catalog.ts';
/** Fast multi-row insert through one JSON parameter (demo seeding, restores). */
export { bulkInsert, insertJsonRows } from './bulk.ts';
