import { pick, seededRng } from "../../server/seed/company-generator";
import type { Db } from "../../server/src/db/client";
import type { Viewer } from "../../server/src/modules/customers/customers.policy";
import {
  COUNT_CAP,
  getCustomer,
  listCustomers,
  SEARCH_COUNT_CAP,
} from "../../server/src/modules/customers/customers.service";
import { getTimeline } from "../../server/src/modules/customers/follow-ups.service";
import { claimCustomer } from "../../server/src/modules/pool/pool.service";
import { CustomerListQuerySchema } from "../../shared/schemas/customers";
import { captureStatements, replay, type Statement, substitute } from "../lib/driver";
import { cycle, shuffled } from "../lib/stats";
import {
  type FloorContext,
  measure,
  type PlannedScenario,
  p95ByKind,
  type ScenarioFactory,
  type ScenarioName,
} from "./types";

// The customer list, the search box, the detail page and claiming from the pool, as a rep uses them.

// The web app's page size (customers.api.ts DEFAULT_PAGE_SIZE).
const PAGE_SIZE = 20;

type ListQuery = Record<string, string>;
// A query with what it stands for, to break the latencies down.
type ListRequest = { query: ListQuery; kind: string };

// Views a rep opens during the day: their own customers, a market, hot leads, the pool, the team's
// follow-up order, and their idle customers by next follow-up.
const LIST_VIEWS: ListQuery[] = [
  { scope: "mine" },
  { scope: "all", country: "DE" },
  { scope: "all", stage: "quoted", tier: "A" },
  { scope: "pool", sort: "name" },
  { scope: "team", sort: "-lastFollowUpAt" },
  { scope: "mine", idleDays: "14", sort: "nextFollowUpAt" },
];

// The floor of list queries: each distinct query's statements are captured once, then replayed.
function listFloor(requests: ListRequest[]) {
  return async ({ database, driver, viewer, settings }: FloorContext) => {
    const captured = new Map<string, Statement[]>();
    const measured = requests
      .slice(settings.warmup, settings.warmup + settings.floorSamples)
      .map((request) => request.query);
    for (const query of measured) {
      const key = JSON.stringify(query);
      if (captured.has(key)) continue;
      const { statements } = await captureStatements(database, (db) =>
        listCustomers(db, viewer, CustomerListQuerySchema.parse(query)),
      );
      captured.set(key, statements);
    }
    return {
      latencies: await measure(measured, 0, (query) =>
        replay(driver, captured.get(JSON.stringify(query)) ?? []),
      ),
    };
  };
}

function listScenario(name: ScenarioName, requests: ListRequest[], countCap: number): PlannedScenario {
  return {
    name,
    floor: listFloor(requests),
    api: async ({ rep, settings }) => {
      const totals = new Map<string, number[]>();
      const latencies = await measure(requests, settings.warmup, async ({ query, kind }) => {
        const response = await rep.expect<{ total: number }>(
          200,
          "GET",
          `/api/customers?${new URLSearchParams(query)}`,
        );
        totals.set(kind, [...(totals.get(kind) ?? []), response.body.total]);
      });
      return {
        latencies,
        details: p95ByKind(requests.slice(settings.warmup), latencies).map(([kind, p95]) => {
          const counted = (totals.get(kind) ?? []).sort((a, b) => a - b);
          return `${kind}: p95 ${p95} ms, median total ${counted[Math.floor(counted.length / 2)]} (capped at ${countCap.toLocaleString("en")})`;
        }),
      };
    },
  };
}

export const list: ScenarioFactory = async (_dataset, settings) => {
  const rng = seededRng(settings.seed + 20);
  const requests = cycle(LIST_VIEWS, settings.warmup + settings.samples).map((view) => ({
    query: { ...view, page: String(1 + Math.floor(rng() * 3)), pageSize: String(PAGE_SIZE) },
    kind: new URLSearchParams(view).toString(),
  }));
  return listScenario("list", requests, COUNT_CAP);
};

// What people type in the search box: a company's name as they remember it, two words of it, a
// contact's surname, an e-mail address's local part.
export const search: ScenarioFactory = async (dataset, settings) => {
  const rng = seededRng(settings.seed + 30);
  const requests = cycle(dataset.sampled, settings.warmup + settings.samples).map(({ company }, at) => {
    const words = company.name.split(" ");
    const contact = pick(rng, company.contacts);
    const choices: [kind: string, term: string][] = [
      ["three words of the name", words.slice(0, 3).join(" ")],
      ["two words of the name", words.slice(0, 2).join(" ")],
      ["a contact's surname", contact.name.split(" ").slice(-1)[0] ?? contact.name],
      ["an e-mail's local part", contact.email.split("@")[0] ?? contact.email],
    ];
    const [kind, term] = choices[at % choices.length] ?? ["", ""];
    return { query: { q: term.toLowerCase(), pageSize: String(PAGE_SIZE) }, kind };
  });
  return listScenario("search", requests, SEARCH_COUNT_CAP);
};

// Statements captured for one record, replayed for each of the others.
function templateFloor(ids: string[], run: (db: Db, viewer: Viewer, id: string) => Promise<unknown>) {
  return async ({ database, driver, viewer, settings }: FloorContext) => {
    const [template, ...others] = ids.slice(0, settings.floorSamples + 1);
    if (!template) throw new Error("no record to capture the floor with");
    const { statements } = await captureStatements(database, (db) => run(db, viewer, template));
    return {
      latencies: await measure(others, 0, (id) => replay(driver, substitute(statements, template, id))),
    };
  };
}

// The customer page: the customer with its contacts, then its timeline (what the web app loads).
export const detail: ScenarioFactory = async (dataset, settings) => {
  const ids = cycle(
    shuffled(seededRng(settings.seed + 40), dataset.repCustomerIds),
    settings.warmup + settings.samples,
  );
  return {
    name: "detail",
    floor: templateFloor(ids, async (db, viewer, id) => {
      await getCustomer(db, viewer, id);
      await getTimeline(db, viewer, id);
    }),
    api: async ({ rep }) => {
      const latencies = await measure(ids, settings.warmup, async (id) => {
        await rep.expect(200, "GET", `/api/customers/${id}`);
        await rep.expect(200, "GET", `/api/customers/${id}/timeline`);
      });
      return { latencies, details: ["GET /api/customers/:id, then GET /api/customers/:id/timeline"] };
    },
  };
};

// Claims write: the floor and the API each claim customers of their own.
export const claim: ScenarioFactory = async (dataset, settings) => {
  const ids = shuffled(seededRng(settings.seed + 50), dataset.poolIds);
  const floorIds = ids.slice(0, settings.floorSamples + 1);
  const apiIds = ids.slice(floorIds.length, floorIds.length + settings.warmup + settings.samples);
  if (apiIds.length <= settings.warmup)
    throw new Error(`only ${ids.length} pool customers sampled for claims`);
  return {
    name: "claim",
    floor: templateFloor(floorIds, (db, viewer, id) => claimCustomer(db, viewer, id)),
    api: async ({ rep }) => {
      const latencies = await measure(apiIds, settings.warmup, (id) =>
        rep.expect(200, "POST", `/api/customers/${id}/claim`),
      );
      return { latencies, details: [`${apiIds.length} distinct pool customers claimed by one rep`] };
    },
  };
};
