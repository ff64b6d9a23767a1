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
import { ApprovalsSearchSchema } from "./features/approvals/approvals.api";
import { AuditSearchSchema } from "./features/audit/audit.api";
import { CalendarSearchSchema } from "./features/calendar/calendar.api";
import {
  type CustomerScope,
  CustomersSearchSchema,
  PoolSearchSchema,
} from "./features/customers/customers.api";
import { AgingSearchSchema, FxSearchSchema, ReceivablesSearchSchema } from "./features/finance/finance.api";
import { ImportSearchSchema } from "./features/imports/imports.api";
import { MeetingsSearchSchema } from "./features/meetings/meetings.api";
import { NewOrderSearchSchema, OrdersSearchSchema } from "./features/orders/orders.api";
import { HandoverSearchSchema } from "./features/pool/pool.api";
import { ProductImportSearchSchema, ProductsSearchSchema } from "./features/products/products.api";
import { NewQuotationSearchSchema, QuotationsSearchSchema } from "./features/quotations/quotations.api";
import { meQuery, safeRedirect, setupStatusQuery } from "./features/session/session.api";
import { AppShell } from "./features/shell/app-shell";
import { ShipmentsSearchSchema } from "./features/shipments/shipments.api";
import { TasksSearchSchema } from "./features/tasks/tasks.api";
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

// ---- Trade: products, quotations, orders and approvals ----

const productsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "products",
  validateSearch: ProductsSearchSchema,
  beforeLoad: requirePermission("products.read"),
  component: lazyRouteComponent(() => import("./features/products/products-page"), "ProductsPage"),
});

const productImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "products/import",
  validateSearch: ProductImportSearchSchema,
  beforeLoad: requirePermission("products.write"),
  component: lazyRouteComponent(() => import("./features/products/product-import-page"), "ProductImportPage"),
});

const quotationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "quotations",
  validateSearch: QuotationsSearchSchema,
  beforeLoad: requirePermission("quotations.read"),
  component: lazyRouteComponent(() => import("./features/quotations/quotations-page"), "QuotationsPage"),
});

const newQuotationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "quotations/new",
  validateSearch: NewQuotationSearchSchema,
  beforeLoad: requirePermission("quotations.write"),
  component: lazyRouteComponent(
    () => import("./features/quotations/quotation-editor-page"),
    "NewQuotationPage",
  ),
});

const quotationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "quotations/$id",
  beforeLoad: requirePermission("quotations.read"),
  component: lazyRouteComponent(
    () => import("./features/quotations/quotation-detail-page"),
    "QuotationDetailPage",
  ),
});

const editQuotationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "quotations/$id/edit",
  beforeLoad: requirePermission("quotations.write"),
  component: lazyRouteComponent(
    () => import("./features/quotations/quotation-editor-page"),
    "EditQuotationPage",
  ),
});

const reviseQuotationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "quotations/$id/revise",
  beforeLoad: requirePermission("quotations.write"),
  component: lazyRouteComponent(
    () => import("./features/quotations/quotation-editor-page"),
    "ReviseQuotationPage",
  ),
});

const ordersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "orders",
  validateSearch: OrdersSearchSchema,
  beforeLoad: requirePermission("orders.read"),
  component: lazyRouteComponent(() => import("./features/orders/orders-page"), "OrdersPage"),
});

const newOrderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "orders/new",
  validateSearch: NewOrderSearchSchema,
  beforeLoad: requirePermission("orders.write"),
  component: lazyRouteComponent(() => import("./features/orders/order-editor-page"), "NewOrderPage"),
});

const orderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "orders/$id",
  beforeLoad: requirePermission("orders.read"),
  component: lazyRouteComponent(() => import("./features/orders/order-detail-page"), "OrderDetailPage"),
});

const editOrderRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "orders/$id/edit",
  beforeLoad: requirePermission("orders.write"),
  component: lazyRouteComponent(() => import("./features/orders/order-editor-page"), "EditOrderPage"),
});

const approvalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "approvals",
  validateSearch: ApprovalsSearchSchema,
  beforeLoad: requirePermission("orders.approve"),
  component: lazyRouteComponent(() => import("./features/approvals/approvals-page"), "ApprovalsPage"),
});

// ---- Logistics: shipments ----

const shipmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "shipments",
  validateSearch: ShipmentsSearchSchema,
  beforeLoad: requirePermission("shipments.read"),
  component: lazyRouteComponent(() => import("./features/shipments/shipments-page"), "ShipmentsPage"),
});

const shipmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "shipments/$shipmentId",
  beforeLoad: requirePermission("shipments.read"),
  component: lazyRouteComponent(
    () => import("./features/shipments/shipment-detail-page"),
    "ShipmentDetailPage",
  ),
});

// ---- Finance: receivables and payments, aging, exchange rates, credit ----

const receivablesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "finance/receivables",
  validateSearch: ReceivablesSearchSchema,
  beforeLoad: requirePermission("finance.read"),
  component: lazyRouteComponent(() => import("./features/finance/receivables-page"), "ReceivablesPage"),
});

const agingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "finance/aging",
  validateSearch: AgingSearchSchema,
  beforeLoad: requirePermission("finance.read"),
  component: lazyRouteComponent(() => import("./features/finance/aging-page"), "AgingPage"),
});

const fxRatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "finance/fx-rates",
  validateSearch: FxSearchSchema,
  beforeLoad: requirePermission("finance.read"),
  component: lazyRouteComponent(() => import("./features/finance/fx-rates-page"), "FxRatesPage"),
});

const creditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "finance/credit",
  beforeLoad: requirePermission("finance.read"),
  component: lazyRouteComponent(() => import("./features/finance/credit-page"), "CreditPage"),
});

// ---- Work: tasks, calendar, meetings, notification settings ----

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "tasks",
  validateSearch: TasksSearchSchema,
  beforeLoad: requirePermission("tasks.read"),
  component: lazyRouteComponent(() => import("./features/tasks/tasks-page"), "TasksPage"),
});

const taskRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "tasks/$id",
  beforeLoad: requirePermission("tasks.read"),
  component: lazyRouteComponent(() => import("./features/tasks/task-page"), "TaskPage"),
});

const taskSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "settings/tasks",
  beforeLoad: requirePermission("settings.manage"),
  component: lazyRouteComponent(() => import("./features/tasks/task-settings-page"), "TaskSettingsPage"),
});

const calendarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "calendar",
  validateSearch: CalendarSearchSchema,
  beforeLoad: requirePermission("tasks.read"),
  component: lazyRouteComponent(() => import("./features/calendar/calendar-page"), "CalendarPage"),
});

const meetingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "meetings",
  validateSearch: MeetingsSearchSchema,
  beforeLoad: requirePermission("meetings.read"),
  component: lazyRouteComponent(() => import("./features/meetings/meetings-page"), "MeetingsPage"),
});

const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "meetings/$id",
  beforeLoad: requirePermission("meetings.read"),
  component: lazyRouteComponent(() => import("./features/meetings/meeting-detail-page"), "MeetingDetailPage"),
});

const notificationSettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "profile/notifications",
  component: lazyRouteComponent(
    () => import("./features/notifications/notification-settings-page"),
    "NotificationSettingsPage",
  ),
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
    productsRoute,
    productImportRoute,
    quotationsRoute,
    newQuotationRoute,
    quotationRoute,
    editQuotationRoute,
    reviseQuotationRoute,
    ordersRoute,
    newOrderRoute,
    orderRoute,
    editOrderRoute,
    approvalsRoute,
    shipmentsRoute,
    shipmentRoute,
    receivablesRoute,
    agingRoute,
    fxRatesRoute,
    creditRoute,
    tasksRoute,
    taskRoute,
    taskSettingsRoute,
    calendarRoute,
    meetingsRoute,
    meetingRoute,
    notificationSettingsRoute,
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
