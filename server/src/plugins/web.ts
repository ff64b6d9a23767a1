import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

export function isWebBuilt(): boolean {
  return fs.existsSync(path.join(WEB_DIST, "index.html"));
}

// Serves the built single-page app, reading files at request time so a rebuild needs no restart.
export async function registerWeb(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: ["index.html"] });
}

// Client-side routes (a page reloaded at /customers/…) get index.html; API paths and missing assets
// stay real 404s so a stale script never receives HTML.
export function wantsSpaPage(request: FastifyRequest): boolean {
  const url = request.url.split("?")[0] ?? "/";
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    !url.startsWith("/api/") &&
    !url.startsWith("/assets/") &&
    path.extname(url) === ""
  );
}

export function sendSpaPage(reply: FastifyReply): FastifyReply {
  return reply.type("text/html").header("cache-control", "no-cache").sendFile("index.html", WEB_DIST);
}
