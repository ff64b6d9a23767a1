import { seededRng } from "../../server/seed/company-generator";
import { findDuplicates } from "../../server/src/modules/dedupe/dedupe.service";
import { toE164 } from "../../server/src/modules/dedupe/normalize";
import type { DuplicateCheckInput, DuplicateMatch } from "../../shared/schemas/customers";
import { ALTERATIONS, type Alteration, alterName, type BenchCompany } from "../data/companies";
import { newCompanies } from "../data/load";
import { captureStatements, replay, type Statement } from "../lib/driver";
import { percentiles, round } from "../lib/stats";
import { measure, type ScenarioFactory } from "./types";

// Half the probes are existing companies typed differently (the original must be among the matches),
// half are companies that do not exist. Each probe is checked by name alone, then as the create form
// sends it: name, website, phone and country.
type Probe = {
  body: DuplicateCheckInput;
  variant: "name" | "full";
  originalId: string | null;
  alteration: Alteration | null;
};

function bodies(name: string, company: BenchCompany): DuplicateCheckInput[] {
  const phone = company.phone ?? company.contacts.find((contact) => contact.phone)?.phone ?? undefined;
  return [
    { name },
    { name, website: company.website ?? undefined, phone: phone ?? undefined, country: company.country },
  ];
}

// The probe as the route hands it to findDuplicates.
function serviceProbe(body: DuplicateCheckInput) {
  const phone = body.phone ? toE164(body.phone, body.country) : null;
  return {
    name: body.name,
    website: body.website,
    emails: body.email ? [body.email.toLowerCase()] : [],
    phones: phone ? [phone] : [],
    country: body.country,
  };
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : round(part / whole, 3));

export const duplicateCheck: ScenarioFactory = async (dataset, settings) => {
  const rng = seededRng(settings.seed + 10);
  const probes: Probe[] = [];
  const count = settings.probes + settings.warmup;
  const fresh = newCompanies(dataset, Math.ceil(count / 2));
  for (let k = 0; k < count; k++) {
    const sampled = k % 2 === 0 ? dataset.sampled[(k / 2) % dataset.sampled.length] : undefined;
    const alteration = sampled ? (ALTERATIONS[(k / 2) % ALTERATIONS.length] ?? null) : null;
    const company = sampled?.company ?? fresh[(k - 1) / 2];
    if (!company) throw new Error("no company for a duplicate-check probe");
    const name = sampled && alteration ? alterName(rng, sampled.company, alteration) : company.name;
    const [byName, full] = bodies(name, company);
    if (!byName || !full) continue;
    const originalId = sampled?.id ?? null;
    probes.push({ body: byName, variant: "name", originalId, alteration });
    probes.push({ body: full, variant: "full", originalId, alteration });
  }
  const warmup = settings.warmup * 2;

  return {
    name: "duplicate-check",
    floor: async ({ database, driver, dataset: { workspaceId }, settings: { floorSamples } }) => {
      const measured = probes.slice(warmup, warmup + floorSamples);
      const captured: Statement[][] = [];
      for (const probe of measured) {
        const { statements } = await captureStatements(database, (db) =>
          findDuplicates(db, workspaceId, serviceProbe(probe.body)),
        );
        captured.push(statements);
      }
      return { latencies: await measure(captured, 0, (statements) => replay(driver, statements)) };
    },
    api: async ({ rep }) => {
      const found = new Map<Probe, DuplicateMatch[]>();
      const latencies = await measure(probes, warmup, async (probe) => {
        const response = await rep.expect<{ matches: DuplicateMatch[] }>(
          200,
          "POST",
          "/api/customers/duplicate-check",
          probe.body,
        );
        found.set(probe, response.body.matches);
      });
      const measured = probes.slice(warmup);
      const recallOf = (subset: Probe[]) => {
        const altered = subset.filter((probe) => probe.originalId !== null);
        const hits = altered.filter((probe) =>
          found.get(probe)?.some((match) => match.customerId === probe.originalId),
        );
        return { recall: share(hits.length, altered.length), of: altered.length };
      };
      const byVariant = (variant: Probe["variant"]) => measured.filter((probe) => probe.variant === variant);
      const nameOnly = recallOf(byVariant("name"));
      const details = (["name", "full"] as const).map((variant) => {
        const subset = byVariant(variant);
        const times = measured.flatMap((probe, at) =>
          probe.variant === variant ? [latencies[at] ?? 0] : [],
        );
        const newOnes = subset.filter((probe) => probe.originalId === null);
        const flagged = newOnes.filter((probe) => (found.get(probe)?.length ?? 0) > 0).length;
        const perAlteration = ALTERATIONS.map(
          (alteration) =>
            `${alteration} ${recallOf(subset.filter((probe) => probe.alteration === alteration)).recall}`,
        ).join(", ");
        return `${variant === "name" ? "name alone" : "name + domain + phone + country"}: p95 ${percentiles(times).p95Ms} ms, recall ${recallOf(subset).recall} of ${recallOf(subset).of} altered probes (${perAlteration}); new companies with any match ${share(flagged, newOnes.length)}`;
      });
      return { latencies, recall: nameOnly.recall, details };
    },
  };
};
