import autocannon from "autocannon";
import { ApiClient } from "../lib/http";
import { startProcess } from "../lib/process";
import { cycle, percentiles, round } from "../lib/stats";
import type { ScenarioFactory } from "./types";

const WARMUP_SECONDS = 2;
// Reads of the bare route sent one at a time: the least any API request costs on this machine.
const SEQUENTIAL_READS = 300;

type Load = { latencies: number[]; throughputPerSec: number };

// A fixed number of connections reading customers by id as fast as the server answers.
function load(options: {
  url: string;
  paths: string[];
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}): Promise<Load> {
  let next = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers,
        requests: [
          {
            method: "GET",
            setupRequest: (request) => {
              next = (next + 1) % options.paths.length;
              return { ...request, path: options.paths[next] };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        if (result.non2xx > 0 || result.errors > 0) {
          return reject(
            new Error(`${options.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`),
          );
        }
        resolve({
          latencies,
          throughputPerSec: round(result.requests.total / (result.duration || options.seconds), 0),
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

async function measureLoad(options: Parameters<typeof load>[0]): Promise<Load> {
  await load({ ...options, seconds: Math.min(WARMUP_SECONDS, options.seconds) });
  return load(options);
}

// The API's authenticated GET /api/customers/:id beside the bare Fastify + pg route of bare-server.ts.
// The bare route needs its own database connection to the same data, so it runs on PostgreSQL only:
// PGlite lets one process hold its folder, and that is the server.
export const pkRead: ScenarioFactory = async (dataset, settings) => {
  const ids = cycle(dataset.repCustomerIds, Math.min(Math.max(dataset.repCustomerIds.length, 1), 1000));
  return {
    name: "pk-read",
    api: async ({ rep, server, benchDatabase }) => {
      const options = { connections: settings.pkReadConnections, seconds: settings.pkReadSeconds };
      const api = await measureLoad({
        ...options,
        url: server.url,
        paths: ids.map((id) => `/api/customers/${id}`),
        headers: { cookie: rep.sessionCookie },
      });
      const details = [
        `${settings.pkReadConnections} connections for ${settings.pkReadSeconds} s, ${ids.length} customers read in turn`,
      ];
      const databaseUrl = benchDatabase.serverEnv.DATABASE_URL;
      if (!databaseUrl) {
        details.push("no bare raw-driver reference on PGlite: its folder is held by the server");
        return { latencies: api.latencies, throughputPerSec: api.throughputPerSec, details };
      }
      const bare = await startProcess({
        script: "bench/bare-server.ts",
        env: { DATABASE_URL: databaseUrl, BENCH_WORKSPACE_ID: dataset.workspaceId },
        readyPath: "/health",
      });
      try {
        const floor = await measureLoad({
          ...options,
          url: bare.url,
          paths: ids.map((id) => `/customers/${id}`),
        });
        details.push(
          `API ${api.throughputPerSec}/s vs bare Fastify + pg ${floor.throughputPerSec}/s: ${round(api.throughputPerSec / floor.throughputPerSec, 2)} of the reference; bare server peak RSS ${bare.peakRssMb()} MB`,
        );
        const client = new ApiClient(bare.url);
        try {
          const latencies: number[] = [];
          for (const id of ids.slice(0, SEQUENTIAL_READS)) {
            const response = await client.request("GET", `/customers/${id}`);
            if (response.status !== 200) throw new Error(`bare route answered ${response.status}`);
            latencies.push(response.ms);
          }
          const alone = percentiles(latencies);
          details.push(
            `bare Fastify + pg, one request at a time (the least an API request with one statement costs on this machine): p50 ${alone.p50Ms} ms, p95 ${alone.p95Ms} ms`,
          );
        } finally {
          client.close();
        }
        return {
          latencies: api.latencies,
          throughputPerSec: api.throughputPerSec,
          floorThroughputPerSec: floor.throughputPerSec,
          floorP95Ms: percentiles(floor.latencies).p95Ms,
          details,
        };
      } finally {
        await bare.stop();
      }
    },
  };
};
