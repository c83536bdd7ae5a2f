// Dependency-free: the console imports this file (packages/web/src/api/enums.ts), so it must not import
// anything but other enums.ts files.

export const contactKinds = ['person', 'organization'] as const;
export const customFieldTypes = ['text', 'number', 'date', 'boolean', 'select', 'multiselect'] as const;
export const relationshipTypes = ['household', 'spouse', 'parent', 'child', 'employer', 'employee', 'other'] as const;
