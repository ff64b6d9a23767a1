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
  "tasks.read", // tasks one may see, My work, the task calendar
  "tasks.write", // create, edit, complete and reassign tasks
  "meetings.read",
  "meetings.write", // schedule meetings, write minutes, turn action items into tasks
  "comments.read", // comment threads of records one may see
  "comments.write", // comment (and mention colleagues) on records one may see
  "products.read", // the product catalogue, without cost prices
  "products.write", // create, edit and import products (list prices drive discount approval: not reps)
  "products.cost", // see and set cost prices
  "inventory.read", // warehouses, stock levels and movements; watch products for low stock
  "inventory.write", // stock adjustments and warehouses
  "quotations.read", // quotations one may see (own, team's as manager, all as admin)
  "quotations.write", // create, edit, send, revise and convert quotations
  "orders.read", // orders one may see; logistics and finance see all, without costs and margins
  "orders.write", // create, edit, submit, cancel orders and move them through production
  "orders.approve", // approve or reject orders of one's team, set customers' credit limits
  "shipments.read", // shipments of the orders one may see
  "shipments.write", // plan, book and depart shipments; logistics' work
  "finance.read", // receivables, payments and aging of the orders one may see
  "finance.write", // record payments and allocate them
  "credit.write", // set customers' credit limits and credit insurance: managers and finance
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const everyone: Permission[] = [
  "profile.manage",
  "users.read",
  "tasks.read",
  "tasks.write",
  "meetings.read",
  "meetings.write",
  "comments.read",
  "comments.write",
];
const selling: Permission[] = ["customers.read", "customers.write", "customers.import", "customers.export"];

export const ROLE_PERMISSIONS = {
  admin: [...PERMISSIONS],
  manager: [
    ...everyone,
    ...selling,
    "audit.read",
    "customers.assign",
    "products.read",
    "products.write",
    "products.cost",
    "inventory.read",
    "inventory.write",
    "quotations.read",
    "quotations.write",
    "orders.read",
    "orders.write",
    "orders.approve",
    "shipments.read",
    "finance.read",
    "credit.write",
  ],
  sales: [
    ...everyone,
    ...selling,
    "products.read",
    "inventory.read",
    "quotations.read",
    "quotations.write",
    "orders.read",
    "orders.write",
    "shipments.read",
    "finance.read",
  ],
  logistics: [
    ...everyone,
    "products.read",
    "inventory.read",
    "inventory.write",
    "orders.read",
    "shipments.read",
    "shipments.write",
  ],
  finance: [
    ...everyone,
    "products.read",
    "products.cost",
    "inventory.read",
    "orders.read",
    "shipments.read",
    "finance.read",
    "finance.write",
    "credit.write",
  ],
  marketing: [...everyone, "products.read"],
} as const satisfies Record<Role, readonly Permission[]>;

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
