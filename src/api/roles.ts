// The roles are the workflow's (src/domain/workflow/roles.ts): one list for the device and the server.
export { ROLES, RoleSchema, type Role } from '../domain/workflow/roles.ts';
