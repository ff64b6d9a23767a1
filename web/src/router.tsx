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
import type { Permission } from "../../shared/permissions";
import { NotFoundPage, RouteErrorPage } from "./components/status-pages";
import { AuditSearchSchema } from "./features/audit/audit.api";
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
  return ({ context }: { context: { me: { permissions: readonly Permission[] } } }) => {
    if (!context.me.permissions.includes(permission)) throw redirect({ to: "/" });
  };
}

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/",
  component: lazyRouteComponent(() => import("./features/home/home-page"), "HomePage"),
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
  appRoute.addChildren([homeRoute, usersRoute, teamsRoute, auditRoute, profileRoute]),
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
