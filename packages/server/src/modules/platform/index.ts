/** Organizations, users, sessions, invitations, roles and API tokens. */
export { platformRoutes } from './routes.ts';
/** Role policies: what each role may do. */
export { can, permissions, type Permission, type Role } from './policies.ts';
/** Creating organizations and users outside HTTP (setup, demo, CLI). */
export { runSetup, createOrganization } from './service.ts';
export { hashPassword } from './secrets.ts';
/** A key derived from SECRET_KEY for one purpose. */
export { deriveKey, openSecret, sealSecret } from './secrets.ts';
