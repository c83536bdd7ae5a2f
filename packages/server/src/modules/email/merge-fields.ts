/** The merge fields a template may use; any other variable is a template error. */
export const mergeFieldNames = [
  'contact_name',
  'greeting',
  'organization_name',
  'unsubscribe_url',
  'preferences_url',
] as const;

export type MergeFieldName = (typeof mergeFieldNames)[number];
export type MergeFields = Record<MergeFieldName, string>;

export interface Recipient {
  contactName: string | null;
  organizationName: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}

/** 尊敬的张三 for a named contact, 尊敬的支持者 when the name is unknown. */
export const greetingFor = (contactName: string | null) => `尊敬的${contactName?.trim() || '支持者'}`;

export const mergeFieldsFor = (recipient: Recipient): MergeFields => ({
  contact_name: recipient.contactName?.trim() ?? '',
  greeting: greetingFor(recipient.contactName),
  organization_name: recipient.organizationName,
  unsubscribe_url: recipient.unsubscribeUrl,
  preferences_url: recipient.preferencesUrl,
});
