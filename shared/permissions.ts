// The single map of what each role may do. The server checks every route against it and the web UI
// uses the same list to hide what a role cannot use.
export const ROLES = ["admin", "manager", "sales", "logistics", "finance", "marketing"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "profile.manage", // own profile, password, language, API tokens
  "users.read", // directory of colleagues (owner pickers, mentions)
  "users.manage",
  "teams.manage",
  "audit.read",
  "workspace.manage",
  "settings.manage", // workspace rules such as the public-pool limits
  "customers.read", // search customers, see cards, open those one may see in full
  "customers.write", // create, edit own, log follow-ups, claim from and release to the pool
  "customers.assign", // transfer customers and hand over a leaving rep's book
  "customers.import",
  "customers.export",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everyone: Permission[] = ["profile.manage", "users.read"];
const selling: Permission[] = ["customers.read", "customers.write", "customers.import", "customers.export"];

export const ROLE_PERMISSIONS = {
  admin: [...PERMISSIONS],
  manager: [...everyone, ...selling, "audit.read", "customers.assign"],
  sales: [...everyone, ...selling],
  logistics: [...everyone],
  finance: [...everyone],
  marketing: [...everyone],
} as const satisfies Record<Role, readonly Permission[]>;

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
