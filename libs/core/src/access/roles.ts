import { registerEnumType } from '@nestjs/graphql';

/** A member's role in one tenant. Auditors are external, read-only and may expire. */
export enum Role {
  OWNER = 'owner',
  ADMIN = 'admin',
  EDITOR = 'editor',
  VIEWER = 'viewer',
  AUDITOR = 'auditor',
  /** API keys only: a customer (a controller party) that subscribes to subprocessor changes and may object. */
  CUSTOMER = 'customer',
}
registerEnumType(Role, { name: 'Role', description: "A member's or API key's role in a tenant." });

/** What a resolver or route may require. Roles grant sets of these (see ROLE_PERMISSIONS). */
export enum Permission {
  /** Read the register and everything in it. */
  Read = 'read',
  /** Change the register. */
  Write = 'write',
  /** Export the register (auditors' main task). */
  Export = 'export',
  /** Invite members, change their roles, revoke them; manage API keys; tenant settings. */
  Administer = 'administer',
  /** Make or unmake owners. */
  ManageOwners = 'manage_owners',
  /** Register webhook endpoints, read announced subprocessor changes, object to them (customers: their own). */
  Subscribe = 'subscribe',
}

const READER = [Permission.Read, Permission.Export];
const WRITER = [...READER, Permission.Write];
const ADMIN = [...WRITER, Permission.Administer, Permission.Subscribe];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  [Role.OWNER]: new Set([...ADMIN, Permission.ManageOwners]),
  [Role.ADMIN]: new Set(ADMIN),
  [Role.EDITOR]: new Set(WRITER),
  [Role.VIEWER]: new Set(READER),
  [Role.AUDITOR]: new Set(READER),
  [Role.CUSTOMER]: new Set([Permission.Subscribe]),
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
