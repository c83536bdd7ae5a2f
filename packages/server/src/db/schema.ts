// Every module's tables, gathered for Drizzle's relational queries and for drizzle-kit.
export * from '../modules/platform/tables.ts';
export * from '../modules/audit/tables.ts';
export * from '../modules/contacts/tables.ts';
export * from '../modules/gifts/tables.ts';
export * from '../modules/consent/tables.ts';
export * from '../modules/segments/tables.ts';
export * from '../modules/imports/tables.ts';
export * from '../modules/duplicates/tables.ts';
export * from '../modules/ledger/tables.ts';
export * from '../modules/witness/tables.ts';
export * from '../modules/projects/tables.ts';
export * from '../modules/flows/tables.ts';
export * from '../modules/fundraising/tables.ts';
export * from '../modules/receipts/tables.ts';
export * from '../modules/pledges/tables.ts';
export * from '../modules/partnerships/tables.ts';
export * from '../modules/forms/tables.ts';
