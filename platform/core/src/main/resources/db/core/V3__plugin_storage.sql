-- Plugins' own schemas (docs/architecture.md, "Plugin storage"): one row per plugin that has a
-- schema plugin_<id> and a login role for it. The password lets every node's pool log in as the
-- role; it is readable only by the application role (plugin roles have no rights on this schema).
create table plugin_schema (
    plugin_id      text primary key check (plugin_id ~ '^[a-z][a-z0-9-]{1,31}$'),
    schema_name    text not null unique check (schema_name ~ '^plugin_[a-z0-9_]{2,32}$'),
    role_name      text not null unique,
    role_password  text not null,
    created_at     timestamptz not null default now()
);
