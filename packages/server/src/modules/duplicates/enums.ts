// Dependency-free: the console imports this file (packages/web/src/api/enums.ts), so it must not import
// anything but other enums.ts files.

export const duplicateStatuses = ['pending', 'merged', 'dismissed'] as const;

/** Why two contacts may be one person (scoring.ts gives each its weight). */
export const reasonCodes = [
  'same_phone',
  'same_email',
  'same_name',
  'same_pinyin',
  'similar_name',
  'same_city',
  'same_district',
  'different_phone',
  'different_email',
  'different_city',
  'different_name',
] as const;

/** The fields a reviewer chooses between when merging (merge.ts maps each to its columns). */
export const mergeFieldNames = [
  'name',
  'kind',
  'gender',
  'phone',
  'email',
  'wechatId',
  'address',
  'category',
  'source',
  'custom',
] as const;
