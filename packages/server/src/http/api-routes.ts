import type { FastifyPluginAsync } from 'fastify';
import { auditRoutes } from '../modules/audit/index.ts';
import { duplicateRoutes } from '../modules/duplicates/index.ts';
import { platformRoutes } from '../modules/platform/index.ts';
import { contactsRoutes } from '../modules/contacts/index.ts';
import { geoRoutes } from '../modules/geo/routes.ts';
import { giftRoutes } from '../modules/gifts/index.ts';
import { consentRoutes } from '../modules/consent/index.ts';
import { segmentRoutes } from '../modules/segments/index.ts';
import { exportRoutes } from '../modules/exports/index.ts';
import { reportRoutes } from '../modules/reports/index.ts';
import { importRoutes } from '../modules/imports/index.ts';
import { backupRoutes } from '../modules/backup/index.ts';
import { projectRoutes } from '../modules/projects/index.ts';
import { flowRoutes } from '../modules/flows/index.ts';
import { fundraisingRoutes } from '../modules/fundraising/index.ts';
import { pledgeRoutes } from '../modules/pledges/index.ts';
import { receiptRoutes } from '../modules/receipts/index.ts';

/** Every module's routes under /api. */
export const apiRoutes: FastifyPluginAsync = async (app) => {
  await app.register(platformRoutes);
  await app.register(auditRoutes);
  await app.register(contactsRoutes);
  await app.register(geoRoutes);
  await app.register(giftRoutes);
  await app.register(consentRoutes);
  await app.register(duplicateRoutes);
  await app.register(segmentRoutes);
  await app.register(exportRoutes);
  await app.register(reportRoutes);
  await app.register(importRoutes);
  await app.register(backupRoutes);
  await app.register(projectRoutes);
  await app.register(flowRoutes);
  await app.register(fundraisingRoutes);
  await app.register(pledgeRoutes);
  await app.register(receiptRoutes);
};
