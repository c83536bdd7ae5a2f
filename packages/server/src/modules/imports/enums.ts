// Dependency-free: the console imports this file (packages/web/src/api/enums.ts), so it must not import
// anything but other enums.ts files.

import { consentChannels } from '../consent/enums.ts';

export const importStatuses = ['uploaded', 'checking', 'queued', 'staging', 'applying', 'completed', 'failed'] as const;
export const duplicatePolicies = ['skip', 'update', 'create'] as const;

/** Contact, gift and consent fields a column can fill. Custom fields are `custom.<key>`. */
export const standardFields = [
  'name',
  'phone',
  'email',
  'wechatId',
  'province',
  'city',
  'district',
  'address',
  'postalCode',
  'gender',
  'category',
  'tags',
  'note',
  'giftAmount',
  'giftDate',
  'giftChannel',
  'giftCampaign',
  'giftExternalId',
  // The donor's id on a giving platform: who gave, when the export masks the name (张*).
  'donorRef',
  ...consentChannels.map((c) => `consent.${c}` as const),
] as const;
