import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import {
  type Client,
  createTestApp,
  createUserAndSignIn,
  setupWorkspace,
  type TestApp,
} from "../../../test/harness";

// The people the task, meeting and calendar tests share: two teams with a manager and reps each.
export type Person = { client: Client; id: string; name: string };
export type TaskWorld = {
  t: TestApp;
  admin: Client;
  managerA: Person;
  managerB: Person;
  repA: Person;
  repA2: Person;
  repB: Person;
  logistics: Person;
};

async function person(admin: Client, role: string, name: string, teamId?: string): Promise<Person> {
  const { client, user } = await createUserAndSignIn(admin, { role, name, teamId });
  return { client, id: user.id, name: user.name };
}

export async function createTaskWorld(): Promise<TaskWorld> {
  const t = await createTestApp();
  const admin = await setupWorkspace(t.app);
  const managerA = await person(admin, "manager", "Mona Manager");
  const managerB = await person(admin, "manager", "Max Manager");
  const teamA = (await admin.post("/api/teams", { name: "Europe", managerId: managerA.id })).body;
  const teamB = (await admin.post("/api/teams", { name: "Americas", managerId: managerB.id })).body;
  return {
    t,
    admin,
    managerA,
    managerB,
    repA: await person(admin, "sales", "Anna Rep", teamA.id),
    repA2: await person(admin, "sales", "Arno Rep", teamA.id),
    repB: await person(admin, "sales", "Bruno Rep", teamB.id),
    logistics: await person(admin, "logistics", "Lia Logistics"),
  };
}

let customerCounter = 0;

// A customer owned by the calling rep.
export async function createCustomer(owner: Client, name?: string): Promise<{ id: string; name: string }> {
  customerCounter += 1;
  const response = await owner.post("/api/customers", {
    name: name ?? `Task Test Buyer ${customerCounter} ${Math.random().toString(36).slice(2, 8)} Trading`,
    country: "DE",
    website: `https://buyer-${customerCounter}-${Math.random().toString(36).slice(2, 8)}.de`,
    confirmNotDuplicate: true,
  });
  if (response.status !== 201) throw new Error(`customer: ${JSON.stringify(response.body)}`);
  return { id: response.body.id, name: response.body.name };
}

export async function createTask(client: Client, body: Record<string, unknown>) {
  const response = await client.post("/api/tasks", body);
  if (response.status !== 201) throw new Error(`task: ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function notificationsOf(client: Client, type?: string) {
  const items: { type: string; title: string; entityId: string | null }[] = (
    await client.get("/api/notifications?limit=200")
  ).body.items;
  return type ? items.filter((item) => item.type === type) : items;
}

export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;
export const inHours = (hours: number, from = Date.now()) => new Date(from + hours * HOUR).toISOString();

// Debian's python3-icalendar lives beside the system interpreter, which a pyenv or venv python3
// earlier on the PATH would not see.
const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
const PARSE_ICS = `
import icalendar, json, sys
calendar = icalendar.Calendar.from_ical(sys.stdin.read())
events = []
for event in calendar.walk("VEVENT"):
    attendees = event.get("ATTENDEE") or []
    if not isinstance(attendees, list):
        attendees = [attendees]
    events.append({
        "uid": str(event.get("UID")),
        "summary": str(event.get("SUMMARY")),
        "start": event.decoded("DTSTART").isoformat(),
        "startRaw": event.get("DTSTART").to_ical().decode(),
        "end": event.decoded("DTEND").isoformat() if event.get("DTEND") else None,
        "location": str(event.get("LOCATION")) if event.get("LOCATION") else None,
        "attendees": [str(attendee) for attendee in attendees],
    })
print(json.dumps({"name": str(calendar.get("X-WR-CALNAME")), "events": events}))
`;

export type ParsedEvent = {
  uid: string;
  summary: string;
  start: string;
  startRaw: string;
  end: string | null;
  location: string | null;
  attendees: string[];
};

// Parses with a real iCalendar implementation, so the test proves calendar apps can read the output.
export function parseIcs(text: string): { name: string; events: ParsedEvent[] } {
  const result = spawnSync(PYTHON, ["-c", PARSE_ICS], { input: text, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`python3-icalendar refused the calendar: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
