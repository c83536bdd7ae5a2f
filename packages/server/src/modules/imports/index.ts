/** Routes under /api/orgs/:org/imports and /api/orgs/:org/import-mappings. */
export { importRoutes } from './routes.ts';
/** Running an import outside HTTP (the CLI): upload, map, dry run, run synchronously. */
export { importFromPath, type CliImportSummary } from './cli.ts';
/** Column header suggestions, reusable by other importers. */
export { suggestMapping } from './headers.ts';
