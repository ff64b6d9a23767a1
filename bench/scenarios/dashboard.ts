import type { Viewer } from "../../server/src/modules/customers/customers.policy";
import { salesReport } from "../../server/src/modules/sales/sales.service";
import { SalesReportQuerySchema } from "../../shared/schemas/sales";
import type { Dataset } from "../data/load";
import { captureStatements, replay, type Statement } from "../lib/driver";
import type { ApiClient } from "../lib/http";
import { cycle } from "../lib/stats";
import { viewerOf } from "../lib/viewer";
import { type ApiContext, type FloorContext, measure, p95ByKind, type ScenarioFactory } from "./types";

// The sales dashboard as the home page and a manager's review load it: sales by month, country and
// rep over the last 12 months, as a rep (their own), as a team's manager and as an admin (everyone),
// and three years by month for the manager and the admin.

type Who = "rep" | "manager" | "admin";
type DashboardRequest = { who: Who; query: Record<string, string>; kind: string };

function threeYears(): Record<string, string> {
  // The workspace's time zone (Asia/Shanghai) decides the current month, as the server does.
  const [year = 0, month = 1] = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
  })
    .format(new Date())
    .split("-")
    .map(Number);
  const start = year * 12 + month - 1 - 35;
  return {
    groupBy: "month",
    from: `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, "0")}`,
  };
}

function requestsOf(): DashboardRequest[] {
  const requests: DashboardRequest[] = [];
  for (const who of ["rep", "manager", "admin"] as const) {
    for (const groupBy of ["month", "country", "owner"]) {
      requests.push({ who, query: { groupBy }, kind: `${who}, 12 months by ${groupBy}` });
    }
  }
  for (const who of ["manager", "admin"] as const) {
    requests.push({ who, query: threeYears(), kind: `${who}, 36 months by month` });
  }
  return requests;
}

const userOf = (dataset: Dataset, who: Who) => dataset[who];
const keyOf = (request: DashboardRequest) => `${request.who} ${new URLSearchParams(request.query)}`;

export const dashboard: ScenarioFactory = async (_dataset, settings) => {
  const requests = cycle(requestsOf(), settings.warmup + settings.samples);
  return {
    name: "dashboard",
    floor: async ({ database, dataset, driver, settings }: FloorContext) => {
      const viewers = new Map<Who, Viewer>();
      const captured = new Map<string, Statement[]>();
      const measured = requests.slice(settings.warmup, settings.warmup + settings.floorSamples);
      for (const request of measured) {
        const key = keyOf(request);
        if (captured.has(key)) continue;
        let viewer = viewers.get(request.who);
        if (!viewer) {
          viewer = await viewerOf(database, dataset.workspaceId, userOf(dataset, request.who).id);
          viewers.set(request.who, viewer);
        }
        const query = SalesReportQuerySchema.parse(request.query);
        const { statements } = await captureStatements(database, (db) => salesReport(db, viewer, query));
        captured.set(key, statements);
      }
      return {
        latencies: await measure(measured, 0, (request) =>
          replay(driver, captured.get(keyOf(request)) ?? []),
        ),
      };
    },
    api: async (context: ApiContext) => {
      const clients: Record<Who, ApiClient> = {
        rep: context.rep,
        manager: context.manager,
        admin: context.admin,
      };
      const orders = new Map<string, number>();
      const latencies = await measure(requests, settings.warmup, async (request) => {
        const response = await clients[request.who].expect<{ total: { orders: number } }>(
          200,
          "GET",
          `/api/reports/sales?${new URLSearchParams(request.query)}`,
        );
        orders.set(request.kind, response.body.total.orders);
      });
      return {
        latencies,
        details: p95ByKind(requests.slice(settings.warmup), latencies).map(
          ([kind, p95]) =>
            `${kind}: p95 ${p95} ms over ${(orders.get(kind) ?? 0).toLocaleString("en")} orders`,
        ),
      };
    },
  };
};
