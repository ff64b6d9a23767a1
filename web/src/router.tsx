import type { QueryClient } from "@tanstack/react-query";
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from "@tanstack/react-router";
import { z } from "zod";
import type { Permission, Role } from "../../shared/permissions";
import type { Me } from "../../shared/schemas/identity";
import { NotFoundPage, RouteErrorPage } from "./components/status-pages";
import { AuditSearchSchema } from "./features/audit/audit.api";
import {
  type CustomerScope,
  CustomersSearchSchema,
  PoolSearchSchema,
} from "./features/customers/customers.api";
import { ImportSearchSchema } from "./features/imports/imports.api";
import { HandoverSearchSchema } from "./features/pool/pool.api";
import { meQuery, safeRedirect, setupStatusQuery } from "./features/session/session.api";
import { AppShell } from "./features/shell/app-shell";
import { UsersSearchSchema } from "./features/users/users.api";

type RouterContext = { queryClient: QueryClient };

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "setup",
  beforeLoad: async ({ context }) => {
    const status = await context.queryClient.ensureQueryData(setupStatusQuery);
    if (!status.needed) throw redirect({ to: "/login" });
  },
  component: lazyRouteComponent(() => import("./features/session/setup-page"), "SetupPage"),
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "login",
  validateSearch: z.object({ redirect: z.string().optional().catch(undefined) }),
  beforeLoad: async ({ context, search }) => {
    const status = await context.queryClient.ensureQueryData(setupStatusQuery);
    if (status.needed) throw redirect({ to: "/setup" });
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ href: safeRedirect(search.redirect) });
  },
  component: lazyRouteComponent(() => import("./features/session/login-page"), "LoginPage"),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "app",
  beforeLoad: async ({ context, location }) => {
    const status = await context.queryClient.ensureQueryData(setupStatusQuery);
    if (status.needed) throw redirect({ to: "/setup" });
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) {
      const back = location.href === "/" ? undefined : location.href;
      throw redirect({ to: "/login", search: { redirect: back } });
    }
    return { me };
  },
  component: AppShell,
});

// A page the role may not use sends the user home, where the sidebar shows what they can do.
function requirePermission(permission: Permission) {
  return ({ context }: { context: { me: Pick<Me, "permissions"> } }) => {
    if (!context.me.permissions.includes(permission)) throw redirect({ to: "/" });
  };
}

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: lazyRouteComponent(() => import("./features/home/home-page"), "HomePage"),
});

// What "Customers" opens on: a rep works their own, a manager their team's, an admin everything.
function defaultScope(role: Role): CustomerScope {
  if (role === "admin") return "all";
  return role === "manager" ? "team" : "mine";
}

const customersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "customers",
  validateSearch: CustomersSearchSchema,
  beforeLoad: ({ context, search }) => {
    requirePermission("customers.read")({ context });
    // The scope is always written in the URL, so a copied link shows the same list to whoever opens it.
    if (!search.scope) {
      throw redirect({
        to: "/customers",
        search: { ...search, scope: defaultScope(context.me.user.role) },
        replace: true,
      });
    }
  },
  component: lazyRouteComponent(() => import("./features/customers/customers-page"), "CustomersPage"),
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "customers/import",
  validateSearch: ImportSearchSchema,
  beforeLoad: requirePermission("customers.import"),
  component: lazyRouteComponent(() => import("./features/imports/import-page"), "ImportPage"),
});

const customerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "customers/$id",
  beforeLoad: requirePermission("customers.read"),
  component: lazyRouteComponent(
    () => import("./features/customers/customer-detail-page"),
    "CustomerDetailPage",
  ),
});

const poolRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "pool",
  validateSearch: PoolSearchSchema,
  beforeLoad: requirePermission("customers.read"),
  component: lazyRouteComponent(() => import("./features/pool/pool-page"), "PoolPage"),
});

const handoverRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "settings/handover",
  validateSearch: HandoverSearchSchema,
  beforeLoad: requirePermission("customers.assign"),
  component: lazyRouteComponent(() => import("./features/pool/handover-page"), "HandoverPage"),
});

const poolSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "settings/pool",
  beforeLoad: requirePermission("settings.manage"),
  component: lazyRouteComponent(() => import("./features/settings/pool-settings-page"), "PoolSettingsPage"),
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "settings/users",
  validateSearch: UsersSearchSchema,
  beforeLoad: requirePermission("users.manage"),
  component: lazyRouteComponent(() => import("./features/users/users-page"), "UsersPage"),
});

const teamsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "settings/teams",
  beforeLoad: requirePermission("teams.manage"),
  component: lazyRouteComponent(() => import("./features/teams/teams-page"), "TeamsPage"),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "settings/audit",
  validateSearch: AuditSearchSchema,
  beforeLoad: requirePermission("audit.read"),
  component: lazyRouteComponent(() => import("./features/audit/audit-page"), "AuditPage"),
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "profile",
  component: lazyRouteComponent(() => import("./features/profile/profile-page"), "ProfilePage"),
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    customersRoute,
    importRoute,
    customerRoute,
    poolRoute,
    handoverRoute,
    poolSettingsRoute,
    usersRoute,
    teamsRoute,
    auditRoute,
    profileRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    // Hovering a link starts loading that page's code.
    defaultPreload: "intent",
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
