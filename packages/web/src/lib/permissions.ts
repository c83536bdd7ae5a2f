// The server's policies, imported rather than mirrored, only to hide buttons a role cannot use.
// The server still decides. policies.ts imports nothing but types, so no server code reaches the bundle.
export { can, type Permission } from '../../../server/src/modules/platform/policies.ts';
