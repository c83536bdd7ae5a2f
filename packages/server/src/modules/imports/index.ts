/** Routes under /api/orgs/:org/imports and /api/orgs/:org/import-mappings. */
export { importRoutes } from './routes.ts';
/** Running an import outside HTTP (the CLI): upload, map, dry run, run synchronously. */
export { importFromPath, type CliImportSummary } from './cli.ts';
/** The org context used by the CLI and jobs for audit. */
export { systemContext } from './context.ts';
/** Column header suggestions, reusable by other importers. */
export { suggestMapping } from './headers.ts';
