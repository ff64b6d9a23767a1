import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Config } from "./config";
import type { Database, Db } from "./db/client";
import { DatabaseListener } from "./db/listener";
import { type Background, startBackground } from "./jobs/background";
import { backgroundTasks, jobHandlers } from "./jobs/registry";
import { approvalsRoutes } from "./modules/approvals/approvals.routes";
import { auditRoutes } from "./modules/audit/audit.routes";
import { authRoutes } from "./modules/auth/auth.routes";
import { IDENTITY_CHANNEL, IdentityCache } from "./modules/auth/identity-cache";
import { calendarRoutes } from "./modules/calendar/calendar.routes";
import { commentsRoutes } from "./modules/comments/comments.routes";
import { creditRoutes } from "./modules/credit/credit.routes";
import { customersRoutes } from "./modules/customers/customers.routes";
import { documentsRoutes } from "./modules/documents/documents.routes";
import { filesRoutes } from "./modules/files/files.routes";
import { fxRoutes } from "./modules/fx/fx.routes";
import { healthRoutes } from "./modules/health/health.routes";
import { importsRoutes } from "./modules/imports/imports.routes";
import { inventoryRoutes } from "./modules/inventory/inventory.routes";
import { meetingsRoutes } from "./modules/meetings/meetings.routes";
import { EVENTS_CHANNEL } from "./modules/notifications/events.service";
import { notificationsRoutes } from "./modules/notifications/notifications.routes";
import { numberingRoutes } from "./modules/numbering/numbering.routes";
import { ordersRoutes } from "./modules/orders/orders.routes";
import { poolRoutes } from "./modules/pool/pool.routes";
import { productsRoutes } from "./modules/products/products.routes";
import { quotationsRoutes } from "./modules/quotations/quotations.routes";
import { receivablesRoutes } from "./modules/receivables/receivables.routes";
import { salesRoutes } from "./modules/sales/sales.routes";
import { settingsRoutes } from "./modules/settings/settings.routes";
import { shipmentsRoutes } from "./modules/shipments/shipments.routes";
import { tasksRoutes } from "./modules/tasks/tasks.routes";
import { teamsRoutes } from "./modules/teams/teams.routes";
import { tokensRoutes } from "./modules/tokens/tokens.routes";
import { usersRoutes } from "./modules/users/users.routes";
import { workspacesRoutes } from "./modules/workspaces/workspaces.routes";
import { AccessLog } from "./plugins/access-log";
import { type RegisteredRoute, registerAuth } from "./plugins/auth";
import { registerErrorHandling } from "./plugins/errors";
import { registerOpenApi } from "./plugins/openapi";
import { realtimeRoutes } from "./plugins/realtime";
import { registerSecurityHeaders } from "./plugins/security-headers";
import { isWebBuilt, registerWeb } from "./plugins/web";

declare module "fastify" {
  interface FastifyInstance {
    db: Db;
    database: Database;
    listener: DatabaseListener;
    identityCache: IdentityCache;
    routeRegistry: RegisteredRoute[];
    // Starts the job worker right away instead of at its next poll.
    wakeJobs: () => void;
  }
}

export type AppOptions = {
  database: Database;
  config: Pick<
    Config,
    "publicUrl" | "trustProxy" | "loginRatePerMinute" | "bodyLimitBytes" | "filesDir" | "maxFileBytes"
  >;
  logger?: FastifyServerOptions["logger"];
  serveWeb?: boolean;
  background?: boolean;
};

// Builds the whole application without listening, so tests drive it through app.inject.
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new AccessLog(),
    bodyLimit: options.config.bodyLimitBytes,
    trustProxy: options.config.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate("db", options.database.db);
  app.decorate("database", options.database);
  const listener = new DatabaseListener(options.database, app.log, [EVENTS_CHANNEL, IDENTITY_CHANNEL]);
  app.decorate("listener", listener);
  app.decorate("identityCache", new IdentityCache(listener));
  app.addHook("onReady", async () => listener.start());
  app.addHook("onClose", async () => listener.close());

  const routeRegistry: RegisteredRoute[] = [];
  app.decorate("routeRegistry", routeRegistry);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // Read lazily: onRoute hooks of nested plugins (the docs UI) may still adjust the config.
    for (const method of methods) {
      routeRegistry.push({
        method,
        url: route.url,
        get permission() {
          return route.config?.permission;
        },
        get public() {
          return route.config?.public;
        },
      });
    }
  });

  const serveWeb = options.serveWeb === true && isWebBuilt();
  registerErrorHandling(app, { spaFallback: serveWeb });
  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerAuth(app, { publicUrl: options.config.publicUrl });
  await registerOpenApi(app);

  await app.register(healthRoutes);
  await app.register(workspacesRoutes);
  await app.register(authRoutes, { loginRatePerMinute: options.config.loginRatePerMinute });
  await app.register(usersRoutes);
  await app.register(teamsRoutes);
  await app.register(tokensRoutes);
  await app.register(auditRoutes);
  await app.register(settingsRoutes);
  await app.register(notificationsRoutes);
  await app.register(customersRoutes);
  await app.register(poolRoutes);
  await app.register(importsRoutes);
  await app.register(commentsRoutes);
  await app.register(realtimeRoutes);
  await app.register(tasksRoutes);
  await app.register(meetingsRoutes);
  await app.register(calendarRoutes, { publicUrl: options.config.publicUrl });
  await app.register(numberingRoutes);
  await app.register(documentsRoutes);
  await app.register(quotationsRoutes);
  await app.register(ordersRoutes);
  await app.register(shipmentsRoutes);
  await app.register(filesRoutes, { dir: options.config.filesDir, maxBytes: options.config.maxFileBytes });
  await app.register(receivablesRoutes);
  await app.register(fxRoutes);
  await app.register(creditRoutes);
  await app.register(salesRoutes);
  await app.register(approvalsRoutes);
  await app.register(productsRoutes);
  await app.register(inventoryRoutes);

  // Tests drive jobs and periodic tasks explicitly; a running server does them in the background.
  if (options.background) {
    let background: Background | undefined;
    app.addHook("onReady", async () => {
      background = startBackground({
        db: app.db,
        handlers: jobHandlers,
        tasks: backgroundTasks,
        log: app.log,
      });
    });
    app.addHook("onClose", async () => background?.stop());
    app.decorate("wakeJobs", () => background?.wake());
  } else {
    app.decorate("wakeJobs", () => undefined);
  }

  if (serveWeb) await registerWeb(app);
  return app;
}
