// The server's enums, imported rather than copied so the two cannot drift apart. Each server file here
// is dependency-free (enums.test.ts checks it), so the console bundle gets only these arrays.
export { contactKinds, customFieldTypes, relationshipTypes } from '../../../server/src/modules/contacts/enums.ts';
export {
  consentChannels,
  consentSources,
  consentStatuses,
  evidenceTypes,
} from '../../../server/src/modules/consent/enums.ts';
export { duplicateStatuses, mergeFieldNames, reasonCodes } from '../../../server/src/modules/duplicates/enums.ts';
export { giftKinds } from '../../../server/src/modules/gifts/enums.ts';
export { duplicatePolicies, importStatuses, standardFields } from '../../../server/src/modules/imports/enums.ts';
export { roles } from '../../../server/src/modules/platform/enums.ts';
export {
  campaignStatuses,
  givingFrequencies,
  monthlyStatuses,
  orderRefundStatuses,
  orderStatuses,
  paymentProviders,
} from '../../../server/src/modules/fundraising/enums.ts';
export { pledgeStatuses } from '../../../server/src/modules/pledges/enums.ts';
export { donorDataShares, partnershipStatuses } from '../../../server/src/modules/partnerships/enums.ts';
export {
  contactTargets,
  fieldTypes,
  formStatuses,
  regionLevels,
  responseStatuses,
} from '../../../server/src/modules/forms/enums.ts';
export {
  blockTypes,
  mailingStatuses,
  recipientStatuses,
  suppressionOrigins,
  suppressionReasons,
} from '../../../server/src/modules/mailings/enums.ts';
export {
  smsMergeValues,
  smsProviderNames,
  smsRecipientStatuses,
  smsSendStatuses,
} from '../../../server/src/modules/sms/enums.ts';
export { sendStatuses } from '../../../server/src/modules/outreach/enums.ts';
export {
  MAX_SHIFT_MINUTES,
  opportunityStatuses,
  signupSources,
  signupStatuses,
} from '../../../server/src/modules/volunteers/enums.ts';
