/** Records changes and reads of personal data. */
export { recordAudit, recordAudits, diffFields, redactAuditData, type AuditEntry } from './service.ts';
/** GET /api/orgs/:org/audit. */
export { auditRoutes } from './routes.ts';
