import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { IdParamsSchema, IdSchema, listOf } from "../../../../shared/schemas/common";
import {
  CollaboratorsInputSchema,
  ContactInputSchema,
  ContactSchema,
  CreateCustomerInputSchema,
  CreateFollowUpInputSchema,
  CreateSavedViewSchema,
  CustomerDetailSchema,
  CustomerListQuerySchema,
  CustomerListSchema,
  CustomerSchema,
  DuplicateCheckInputSchema,
  DuplicateCheckResultSchema,
  SavedViewSchema,
  TimelineEntrySchema,
  UpdateCustomerInputSchema,
} from "../../../../shared/schemas/customers";
import { actorOf } from "../../lib/context";
import { findDuplicates } from "../dedupe/dedupe.service";
import { toE164 } from "../dedupe/normalize";
import { loadViewer } from "./customers.policy";
import {
  addContact,
  createCustomer,
  getCustomer,
  listContacts,
  listCustomers,
  updateCollaborators,
  updateCustomer,
} from "./customers.service";
import { getTimeline, logFollowUp } from "./follow-ups.service";
import { createSavedView, deleteSavedView, listSavedViews } from "./saved-views.service";

export async function customersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["customers"];
  const viewerOf = (request: FastifyRequest) => loadViewer(app.db, actorOf(request));

  r.get(
    "/api/customers",
    {
      config: { permission: "customers.read" },
      schema: {
        tags,
        summary: "Search and list customers; customers you may not see in full come as limited cards",
        querystring: CustomerListQuerySchema,
        response: { 200: CustomerListSchema },
      },
    },
    async (request) => listCustomers(app.db, await viewerOf(request), request.query),
  );

  r.post(
    "/api/customers",
    {
      config: { permission: "customers.write" },
      schema: {
        tags,
        summary: "Create a customer; 409 duplicate with the matches when it already exists or may exist",
        body: CreateCustomerInputSchema,
        response: { 201: CustomerSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCustomer(app.db, await viewerOf(request), request.body)),
  );

  r.post(
    "/api/customers/duplicate-check",
    {
      config: { permission: "customers.read" },
      schema: {
        tags,
        summary: "Check whether a company already exists (查重), by name, website, e-mail and phone",
        body: DuplicateCheckInputSchema,
        response: { 200: DuplicateCheckResultSchema },
      },
    },
    async (request) => {
      const { name, website, email, phone, country, excludeCustomerId } = request.body;
      const phoneE164 = phone ? toE164(phone, country) : null;
      const matches = await findDuplicates(
        app.db,
        actorOf(request).workspaceId,
        {
          name,
          website,
          emails: email ? [email.toLowerCase()] : [],
          phones: phoneE164 ? [phoneE164] : [],
          country,
        },
        { excludeCustomerId },
      );
      return { matches };
    },
  );

  r.get(
    "/api/customers/:id",
    {
      config: { permission: "customers.read" },
      schema: {
        tags,
        summary: "A customer in full with contacts and local time, or only its card when it is a colleague's",
        params: IdParamsSchema,
        response: { 200: CustomerDetailSchema },
      },
    },
    async (request) => getCustomer(app.db, await viewerOf(request), request.params.id),
  );

  r.patch(
    "/api/customers/:id",
    {
      config: { permission: "customers.write" },
      schema: {
        tags,
        summary: "Edit a customer (owner, collaborators, the owner's manager, admins)",
        params: IdParamsSchema,
        body: UpdateCustomerInputSchema,
        response: { 200: CustomerDetailSchema },
      },
    },
    async (request) => updateCustomer(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/customers/:id/contacts",
    {
      config: { permission: "customers.read" },
      schema: {
        tags,
        summary: "Contacts of a customer you may see in full",
        params: IdParamsSchema,
        response: { 200: listOf(ContactSchema) },
      },
    },
    async (request) => ({ items: await listContacts(app.db, await viewerOf(request), request.params.id) }),
  );

  r.post(
    "/api/customers/:id/contacts",
    {
      config: { permission: "customers.write" },
      schema: {
        tags,
        summary: "Add a contact",
        params: IdParamsSchema,
        body: ContactInputSchema,
        response: { 201: ContactSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addContact(app.db, await viewerOf(request), request.params.id, request.body)),
  );

  r.post(
    "/api/customers/:id/follow-ups",
    {
      config: { permission: "customers.write" },
      schema: {
        tags,
        summary: "Log a follow-up; updates last/next follow-up and restarts the pool clock",
        params: IdParamsSchema,
        body: CreateFollowUpInputSchema,
        response: { 201: TimelineEntrySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await logFollowUp(app.db, await viewerOf(request), request.params.id, request.body)),
  );

  r.get(
    "/api/customers/:id/timeline",
    {
      config: { permission: "customers.read" },
      schema: {
        tags,
        summary: "Follow-ups, ownership changes and edits, newest first",
        params: IdParamsSchema,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: listOf(TimelineEntrySchema) },
      },
    },
    async (request) => ({
      items: await getTimeline(app.db, await viewerOf(request), request.params.id, request.query.limit),
    }),
  );

  r.post(
    "/api/customers/:id/collaborators",
    {
      config: { permission: "customers.write" },
      schema: {
        tags,
        summary: "Add or remove collaborators",
        params: IdParamsSchema,
        body: CollaboratorsInputSchema,
        response: { 200: CustomerDetailSchema },
      },
    },
    async (request) => updateCollaborators(app.db, await viewerOf(request), request.params.id, request.body),
  );

  r.get(
    "/api/customers/views",
    {
      config: { permission: "customers.read" },
      schema: { tags, summary: "My saved list views", response: { 200: listOf(SavedViewSchema) } },
    },
    async (request) => ({ items: await listSavedViews(app.db, actorOf(request)) }),
  );

  r.post(
    "/api/customers/views",
    {
      config: { permission: "customers.read" },
      schema: {
        tags,
        summary: "Save the current list filters as a view",
        body: CreateSavedViewSchema,
        response: { 201: SavedViewSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createSavedView(app.db, actorOf(request), request.body)),
  );

  r.delete(
    "/api/customers/views/:id",
    {
      config: { permission: "customers.read" },
      schema: { tags, summary: "Delete one of my saved views", params: z.object({ id: IdSchema }) },
    },
    async (request, reply) => {
      await deleteSavedView(app.db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
