/** Quotes an SQL identifier. Only names from the schema catalog reach it, never file contents. */
export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** Both drivers answer execute() with { rows }; Drizzle's generic result type does not say so. */
export { rowsOf } from '../../db/rows.ts';
