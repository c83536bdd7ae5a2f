/** The kinds of question a form asks. */
export const fieldTypes = [
  'text',
  'textarea',
  'number',
  'email',
  'phone',
  'single',
  'multiple',
  'date',
  'province',
  'region',
  'consent',
  'file',
] as const;

/** What a file question takes: images (JPEG, PNG, WebP, GIF), or those and PDF documents. */
export const fileKinds = ['image', 'document'] as const;

/** The contact fields an answer can fill in (收录进联系人档案); `region` fills province, city and district. */
export const contactTargets = ['name', 'phone', 'email', 'wechatId', 'province', 'region', 'note'] as const;

/** How far down a region question (省/市/区) asks: the province, the city, or the district. */
export const regionLevels = ['province', 'city', 'district'] as const;

export const formStatuses = ['draft', 'open', 'closed'] as const;

/** A response became a contact (synced), matches one already listed (duplicate), or staff set it aside. */
export const responseStatuses = ['synced', 'duplicate', 'ignored'] as const;
