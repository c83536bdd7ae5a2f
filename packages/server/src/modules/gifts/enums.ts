// Dependency-free: the console imports this file (packages/web/src/api/enums.ts), so it must not import
// anything but other enums.ts files.

export const giftKinds = ['money', 'in_kind'] as const;
