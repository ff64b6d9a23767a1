export { jobs, scheduledRuns } from "../jobs/jobs.table";
export { auditLog } from "../modules/audit/audit.table";
export { sessions } from "../modules/auth/auth.table";
export {
  activities,
  contacts,
  customers,
  ownershipEvents,
  savedViews,
} from "../modules/customers/customers.table";
export { customerMatchKeys } from "../modules/dedupe/dedupe.table";
export { imports } from "../modules/imports/imports.table";
export { notifications } from "../modules/notifications/notifications.table";
export { teams } from "../modules/teams/teams.table";
export { apiTokens } from "../modules/tokens/tokens.table";
export { users } from "../modules/users/users.table";
export { workspaces } from "../modules/workspaces/workspaces.table";
