import Fastify from "fastify";
import pg from "pg";
import { customerColumns } from "../server/src/modules/customers/customers.table";

// The reference for the pk-read scenario: the least a Node server can do to answer the same request,
// a Fastify route reading the customer row with raw pg — no session, no permissions, no query builder.
// Started by the bench with DATABASE_URL, BENCH_WORKSPACE_ID and PORT.

const url = process.env.DATABASE_URL;
const workspaceId = process.env.BENCH_WORKSPACE_ID;
if (!url || !workspaceId) throw new Error("bare-server needs DATABASE_URL and BENCH_WORKSPACE_ID");

// The columns the app reads: the row without the search index's own columns, which the app never sends.
const columns = Object.values(customerColumns)
  .map((column) => `"${column.name}"`)
  .join(", ");

// The same pool size as the app's default (DATABASE_POOL_SIZE).
const pool = new pg.Pool({ connectionString: url, max: 10 });
const app = Fastify({ logger: false });

app.get("/health", async () => ({ status: "ok" }));

app.get<{ Params: { id: string } }>("/customers/:id", async (request, reply) => {
  const { rows } = await pool.query(`select ${columns} from customers where workspace_id = $1 and id = $2`, [
    workspaceId,
    request.params.id,
  ]);
  if (!rows[0]) return reply.status(404).send({ error: "not found" });
  return rows[0];
});

const close = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on("SIGTERM", () => void close());
process.on("SIGINT", () => void close());

await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? "127.0.0.1" });
