import { z } from "zod";
import { PERMISSIONS, ROLES } from "../permissions";
import {
  CurrencySchema,
  EmailSchema,
  IdSchema,
  LocaleSchema,
  NameSchema,
  PasswordSchema,
  TimestampSchema,
  TimeZoneSchema,
} from "./common";

export const RoleSchema = z.enum(ROLES);

export const WorkspaceSchema = z.object({
  id: IdSchema,
  name: z.string(),
  currency: z.string(),
  timeZone: z.string(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const UserSchema = z.object({
  id: IdSchema,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  teamId: IdSchema.nullable(),
  locale: LocaleSchema,
  timeZone: z.string(),
  active: z.boolean(),
  createdAt: TimestampSchema,
  deactivatedAt: TimestampSchema.nullable(),
});
export type User = z.infer<typeof UserSchema>;

export const MeSchema = z.object({
  user: UserSchema.pick({
    id: true,
    name: true,
    email: true,
    role: true,
    teamId: true,
    locale: true,
    timeZone: true,
  }),
  workspace: WorkspaceSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type Me = z.infer<typeof MeSchema>;

export const SetupStatusSchema = z.object({ needed: z.boolean() });

export const SetupInputSchema = z.strictObject({
  workspaceName: NameSchema,
  adminName: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  currency: CurrencySchema.optional(),
  timeZone: TimeZoneSchema.optional(),
  locale: LocaleSchema.optional(),
});
export type SetupInput = z.infer<typeof SetupInputSchema>;

export const LoginInputSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(256),
});
export type LoginInput = z.infer<typeof LoginInputSchema>;

export const UpdateProfileInputSchema = z.strictObject({
  name: NameSchema.optional(),
  locale: LocaleSchema.optional(),
  timeZone: TimeZoneSchema.optional(),
});
export type UpdateProfileInput = z.infer<typeof UpdateProfileInputSchema>;

export const ChangePasswordInputSchema = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: PasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;

export const CreateUserInputSchema = z.strictObject({
  name: NameSchema,
  email: EmailSchema,
  role: RoleSchema,
  teamId: IdSchema.nullable().optional(),
  password: PasswordSchema,
  locale: LocaleSchema.optional(),
  timeZone: TimeZoneSchema.optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const UpdateUserInputSchema = z.strictObject({
  name: NameSchema.optional(),
  email: EmailSchema.optional(),
  role: RoleSchema.optional(),
  teamId: IdSchema.nullable().optional(),
  locale: LocaleSchema.optional(),
  timeZone: TimeZoneSchema.optional(),
  password: PasswordSchema.optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInputSchema>;

export const UserListQuerySchema = z.object({
  q: z.string().max(200).optional(),
  role: RoleSchema.optional(),
  teamId: IdSchema.optional(),
  active: z.enum(["true", "false", "all"]).default("true"),
});

export const TeamSchema = z.object({
  id: IdSchema,
  name: z.string(),
  managerId: IdSchema.nullable(),
  memberCount: z.number().int(),
  createdAt: TimestampSchema,
});
export type Team = z.infer<typeof TeamSchema>;

export const CreateTeamInputSchema = z.strictObject({
  name: NameSchema,
  managerId: IdSchema.nullable().optional(),
});
export type CreateTeamInput = z.infer<typeof CreateTeamInputSchema>;

export const UpdateTeamInputSchema = CreateTeamInputSchema.partial();
export type UpdateTeamInput = z.infer<typeof UpdateTeamInputSchema>;

export const ApiTokenSchema = z.object({
  id: IdSchema,
  name: z.string(),
  prefix: z.string(),
  createdAt: TimestampSchema,
  lastUsedAt: TimestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

export const CreateTokenInputSchema = z.strictObject({ name: NameSchema });
export const CreatedTokenSchema = ApiTokenSchema.extend({ token: z.string() });

export const AuditEntrySchema = z.object({
  id: IdSchema,
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actorId: IdSchema.nullable(),
  actorName: z.string().nullable(),
  changes: z.unknown(),
  createdAt: TimestampSchema,
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditQuerySchema = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: IdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const HealthSchema = z.object({
  status: z.literal("ok"),
  database: z.enum(["pglite", "postgres"]),
  version: z.string(),
});
