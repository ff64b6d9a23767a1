export { auditLog } from "../modules/audit/audit.table";
export { sessions } from "../modules/auth/auth.table";
export { teams } from "../modules/teams/teams.table";
export { apiTokens } from "../modules/tokens/tokens.table";
export { users } from "../modules/users/users.table";
export { workspaces } from "../modules/workspaces/workspaces.table";
