import { DownOutlined, IdcardOutlined, LogoutOutlined, MenuOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import {
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Flex,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Typography,
  theme,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../../shared/schemas/identity";
import { LanguageSwitch } from "../../components/language-switch";
import { useShowError } from "../../lib/errors";
import { LiveUpdatesProvider } from "../notifications/live-updates";
import { NotificationBell } from "../notifications/notification-bell";
import { MeProvider, useMe } from "../session/me-context";
import { meQuery, useLogout } from "../session/session.api";
import { activeNavItem, NAV_ITEMS, navItemsFor } from "./nav";

const SIDER_WIDTH = 220;

export function AppShell() {
  const { data: me } = useQuery(meQuery);
  // The route guard let us in; the session can still end later (sign-out, expiry, deactivation).
  if (!me) return <Navigate to="/login" />;
  return (
    <MeProvider me={me}>
      <LiveUpdatesProvider>
        <ShellLayout me={me} />
      </LiveUpdatesProvider>
    </MeProvider>
  );
}

function Brand({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Link to="/" style={{ display: "flex", alignItems: "center", gap: 10, height: 56, padding: "0 20px" }}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {compact ? null : (
        <Typography.Text strong style={{ fontSize: 17, color: token.colorPrimary }}>
          {t("app.name")}
        </Typography.Text>
      )}
    </Link>
  );
}

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const visible = navItemsFor(me.permissions);
  const groups = [...new Set(NAV_ITEMS.map((item) => item.group))];
  const items: MenuProps["items"] = groups
    .map((group) => ({
      type: "group" as const,
      key: group,
      label: t(`navGroups.${group}`),
      children: visible
        .filter((item) => item.group === group)
        .map((item) => ({
          key: item.to,
          icon: <item.icon />,
          label: (
            <Link to={item.to} onClick={onNavigate}>
              {t(`nav.${item.label}`)}
            </Link>
          ),
        })),
    }))
    .filter((group) => group.children.length > 0);
  const active = activeNavItem(pathname);
  return (
    <nav aria-label={t("app.name")}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={active ? [active.to] : []}
        style={{ borderInlineEnd: 0 }}
      />
    </nav>
  );
}

function UserMenu({ me, compact }: { me: Me; compact: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const showError = useShowError();
  const items: MenuProps["items"] = [
    { key: "profile", icon: <IdcardOutlined />, label: t("nav.profile") },
    { type: "divider" },
    { key: "signOut", icon: <LogoutOutlined />, label: t("shell.signOut"), danger: true },
  ];
  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "profile") void navigate({ to: "/profile" });
    if (key === "signOut") logout.mutate(undefined, { onError: (error) => showError(error) });
  };
  return (
    <Dropdown trigger={["click"]} menu={{ items, onClick }}>
      <Button type="text" aria-label={t("shell.accountMenu")} style={{ paddingInline: 8 }}>
        <Flex align="center" gap={6}>
          <Avatar size="small" style={{ flexShrink: 0 }}>
            {me.user.name.slice(0, 1).toUpperCase()}
          </Avatar>
          {compact ? null : (
            <>
              <span>{me.user.name}</span>
              <DownOutlined />
            </>
          )}
        </Flex>
      </Button>
    </Dropdown>
  );
}

function ShellLayout({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const screens = Grid.useBreakpoint();
  // Below `lg` the sidebar becomes a drawer so the content keeps the whole phone width.
  const mobile = screens.lg === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={SIDER_WIDTH + 40}
          closable={false}
          styles={{ body: { padding: 0 } }}
        >
          <Brand compact={false} />
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider
          theme="light"
          width={SIDER_WIDTH}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          // Sticky, so the navigation stays in reach on long pages.
          style={{
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
            position: "sticky",
            top: 0,
            height: "100vh",
            overflow: "auto",
          }}
        >
          <Brand compact={collapsed} />
          <NavMenu />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            display: "flex",
            alignItems: "center",
            gap: 8,
            height: 56,
            paddingInline: mobile ? 8 : 24,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            position: "sticky",
            top: 0,
            zIndex: 10,
          }}
        >
          {mobile ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label={t("shell.openMenu")}
              onClick={() => setDrawerOpen(true)}
            />
          ) : null}
          <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
            {me.workspace.name}
          </Typography.Text>
          <Flex align="center" gap={4}>
            <NotificationBell />
            <LanguageSwitch compact={mobile} />
            <UserMenu me={me} compact={mobile} />
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: mobile ? 12 : 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
