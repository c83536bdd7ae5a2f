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
  'consent',
  'file',
] as const;

/** What a file question takes: images (JPEG, PNG, WebP, GIF), or those and PDF documents. */
export const fileKinds = ['image', 'document'] as const;

/** The contact fields an answer can fill in (收录进联系人档案). */
export const contactTargets = ['name', 'phone', 'email', 'wechatId', 'province', 'note'] as const;

export const formStatuses = ['draft', 'open', 'closed'] as const;

/** A response became a contact (synced), matches one already listed (duplicate), or staff set it aside. */
export const responseStatuses = ['synced', 'duplicate', 'ignored'] as const;
