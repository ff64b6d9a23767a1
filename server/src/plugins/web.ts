import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { notFound } from "../lib/app-error";

export const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

// Serves the built single-page app. Files get their own routes; any other non-API GET answers
// index.html so client-side routes survive a reload.
export async function registerWeb(app: FastifyInstance): Promise<boolean> {
  if (!fs.existsSync(path.join(WEB_DIST, "index.html"))) return false;
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  app.get("/*", { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith("/api/")) throw notFound(`Route GET ${request.url.split("?")[0]}`);
    return reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html");
  });
  return true;
}
