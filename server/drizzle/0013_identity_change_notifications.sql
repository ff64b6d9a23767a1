-- Instances cache who a session or an API token belongs to; any change that could alter or end that
-- tells every instance, through NOTIFY, to forget the workspace's cached identities.
CREATE FUNCTION "notify_identity_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('tradewind_identity', coalesce(NEW.workspace_id, OLD.workspace_id)::text);
	RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER "users_identity_changed" AFTER UPDATE OR DELETE ON "users"
	FOR EACH ROW EXECUTE FUNCTION "notify_identity_changed"();--> statement-breakpoint
CREATE TRIGGER "sessions_identity_changed" AFTER DELETE OR UPDATE OF "user_id", "expires_at", "workspace_id" ON "sessions"
	FOR EACH ROW EXECUTE FUNCTION "notify_identity_changed"();--> statement-breakpoint
CREATE TRIGGER "api_tokens_identity_changed" AFTER DELETE OR UPDATE OF "user_id", "revoked_at", "workspace_id" ON "api_tokens"
	FOR EACH ROW EXECUTE FUNCTION "notify_identity_changed"();
