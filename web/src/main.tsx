import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { RouterProvider } from "@tanstack/react-router";
import { App as AntApp, ConfigProvider } from "antd";
import "antd/dist/reset.css";
import enUSLocale from "antd/locale/en_US";
import zhCNLocale from "antd/locale/zh_CN";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { ApiError } from "./api/client";
import { PageLoading } from "./components/status-pages";
import { meKey } from "./features/session/session.api";
import { currentLocale } from "./i18n";
import { createAppRouter } from "./router";

// An expired or revoked session surfaces as a 401 on any request: forget the user so the shell
// sends them to the sign-in page instead of showing a broken screen.
function forgetSessionOn401(error: Error): void {
  if (error instanceof ApiError && error.code === "unauthenticated") queryClient.setQueryData(meKey, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: forgetSessionOn401 }),
  mutationCache: new MutationCache({ onError: forgetSessionOn401 }),
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; network blips and 5xx may.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      staleTime: 30_000,
    },
  },
});

const router = createAppRouter(queryClient);

function Root() {
  // Subscribing here re-renders the providers with the matching antd locale when the language changes.
  useTranslation();
  const locale = currentLocale();
  return (
    <ConfigProvider
      locale={locale === "zh-CN" ? zhCNLocale : enUSLocale}
      theme={{
        // antd derives the light tints of a dark teal as greys; these two keep selections clearly teal.
        token: {
          colorPrimary: "#0e6e7e",
          colorPrimaryBg: "#e3f2f3",
          colorPrimaryBgHover: "#cde7ea",
          borderRadius: 6,
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} defaultPendingComponent={PageLoading} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
