import {
  AccountBookOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CarOutlined,
  CarryOutOutlined,
  CheckSquareOutlined,
  ContactsOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  ShoppingCartOutlined,
  ShoppingOutlined,
  SwapOutlined,
  TeamOutlined,
  TransactionOutlined,
  UserOutlined,
} from "@ant-design/icons";
import type { RegisteredRouter } from "@tanstack/react-router";
import type { ComponentType } from "react";
import type { Permission } from "../../../../shared/permissions";
import type { Messages } from "../../i18n/en-US";

type NavPath = keyof RegisteredRouter["routesByPath"];

type NavItem = {
  to: NavPath;
  label: keyof Messages["nav"];
  group: keyof Messages["navGroups"];
  icon: ComponentType;
  // Absent: every signed-in user may use it.
  permission?: Permission;
  // What the quick link on the home page says this page is for.
  hint?: Extract<keyof Messages["home"], `link${string}`>;
};

// The sidebar, in order. A new module is one entry here (and its route); the role filter is automatic.
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/", label: "home", group: "work", icon: HomeOutlined },
  {
    to: "/tasks",
    label: "tasks",
    group: "work",
    icon: CarryOutOutlined,
    permission: "tasks.read",
    hint: "linkTasks",
  },
  {
    to: "/calendar",
    label: "calendar",
    group: "work",
    icon: CalendarOutlined,
    permission: "tasks.read",
    hint: "linkCalendar",
  },
  {
    to: "/meetings",
    label: "meetings",
    group: "work",
    icon: ScheduleOutlined,
    permission: "meetings.read",
    hint: "linkMeetings",
  },
  {
    to: "/customers",
    label: "customers",
    group: "work",
    icon: ContactsOutlined,
    permission: "customers.read",
    hint: "linkCustomers",
  },
  {
    to: "/pool",
    label: "pool",
    group: "work",
    icon: InboxOutlined,
    permission: "customers.read",
    hint: "linkPool",
  },
  {
    to: "/products",
    label: "products",
    group: "trade",
    icon: ShoppingOutlined,
    permission: "products.read",
    hint: "linkProducts",
  },
  {
    to: "/quotations",
    label: "quotations",
    group: "trade",
    icon: FileTextOutlined,
    permission: "quotations.read",
    hint: "linkQuotations",
  },
  {
    to: "/orders",
    label: "orders",
    group: "trade",
    icon: ShoppingCartOutlined,
    permission: "orders.read",
    hint: "linkOrders",
  },
  {
    to: "/approvals",
    label: "approvals",
    group: "trade",
    icon: CheckSquareOutlined,
    permission: "orders.approve",
    hint: "linkApprovals",
  },
  {
    to: "/shipments",
    label: "shipments",
    group: "trade",
    icon: CarOutlined,
    permission: "shipments.read",
    hint: "linkShipments",
  },
  {
    to: "/finance/receivables",
    label: "receivables",
    group: "finance",
    icon: AccountBookOutlined,
    permission: "finance.read",
    hint: "linkReceivables",
  },
  {
    to: "/finance/aging",
    label: "aging",
    group: "finance",
    icon: BarChartOutlined,
    permission: "finance.read",
    hint: "linkAging",
  },
  {
    to: "/finance/fx-rates",
    label: "fxRates",
    group: "finance",
    icon: TransactionOutlined,
    permission: "finance.read",
    hint: "linkFxRates",
  },
  {
    to: "/finance/credit",
    label: "credit",
    group: "finance",
    icon: SafetyCertificateOutlined,
    permission: "finance.read",
    hint: "linkCredit",
  },
  {
    to: "/settings/users",
    label: "users",
    group: "settings",
    icon: UserOutlined,
    permission: "users.manage",
    hint: "linkUsers",
  },
  {
    to: "/settings/teams",
    label: "teams",
    group: "settings",
    icon: TeamOutlined,
    permission: "teams.manage",
    hint: "linkTeams",
  },
  {
    to: "/settings/handover",
    label: "handover",
    group: "settings",
    icon: SwapOutlined,
    permission: "customers.assign",
    hint: "linkHandover",
  },
  {
    to: "/settings/pool",
    label: "poolSettings",
    group: "settings",
    icon: SettingOutlined,
    permission: "settings.manage",
    hint: "linkPoolSettings",
  },
  {
    to: "/settings/tasks",
    label: "taskSettings",
    group: "settings",
    icon: FieldTimeOutlined,
    permission: "settings.manage",
    hint: "linkTaskSettings",
  },
  {
    to: "/settings/audit",
    label: "audit",
    group: "settings",
    icon: AuditOutlined,
    permission: "audit.read",
    hint: "linkAudit",
  },
  { to: "/profile", label: "profile", group: "settings", icon: IdcardOutlined, hint: "linkProfile" },
  {
    to: "/profile/notifications",
    label: "notificationSettings",
    group: "settings",
    icon: BellOutlined,
    hint: "linkNotificationSettings",
  },
];

export function navItemsFor(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || permissions.includes(item.permission));
}

// The entry whose path is the longest prefix of the current location is the one highlighted.
export function activeNavItem(pathname: string): NavItem | undefined {
  return NAV_ITEMS.filter((item) => pathname === item.to || pathname.startsWith(`${item.to}/`)).sort(
    (a, b) => b.to.length - a.to.length,
  )[0];
}
