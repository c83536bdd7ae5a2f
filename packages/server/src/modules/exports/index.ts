/** GET /contacts/export and /segments/:id/export. */
export { exportRoutes } from './routes.ts';
/** Planning (audit) and streaming of contact exports, for the CLI. */
export { planContactsExport, writeContactsExport, exportFormats, type ExportFormat } from './service.ts';
/** Formula-injection guard for spreadsheet cells. */
export { neutralizeCell } from './neutralize.ts';
