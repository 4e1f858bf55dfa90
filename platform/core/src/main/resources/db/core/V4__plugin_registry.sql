-- The plugin registry (docs/plugin-guide.md, "Install, enable for a tenant, update, remove"): one row per
-- installed plugin with the jar it runs from, and per-tenant rows saying whether the state made it available
-- to a municipality and whether the municipality enabled it. A private plugin has an owner tenant and is
-- invisible to every other tenant.
create table plugin (
    id               text primary key check (id ~ '^[a-z][a-z0-9-]{1,31}$'),
    version          text not null check (length(version) between 5 and 256),
    loader           text not null check (loader ~ '^[a-z0-9]{1,16}$'),
    state            text not null check (state in ('installed', 'resolved', 'active', 'failed', 'disabled')),
    reason           text check (length(reason) <= 2000),
    owner_tenant_id  uuid references tenant (id) on delete cascade,
    jar_file         text not null check (length(jar_file) between 1 and 300),
    sha256           text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    signers          text[] not null default '{}',
    installed_at     timestamptz not null default now(),
    installed_by     uuid references app_user (id) on delete set null,
    updated_at       timestamptz not null default now()
);

-- available: decided by the state's (platform) admins; enabled: decided by the municipality's admins.
-- A plugin runs in a tenant's rooms only when both are true (for the owner of a private plugin,
-- available is always true).
create table plugin_tenant (
    plugin_id   text not null references plugin (id) on delete cascade,
    tenant_id   uuid not null references tenant (id) on delete cascade,
    available   boolean not null default false,
    enabled     boolean not null default false,
    updated_at  timestamptz not null default now(),
    primary key (plugin_id, tenant_id)
);
create index plugin_tenant_tenant on plugin_tenant (tenant_id);

-- A room where a tenant's admins or the room's managers switched an enabled plugin off.
create table plugin_room (
    plugin_id   text not null references plugin (id) on delete cascade,
    room_id     text not null references room (id) on delete cascade,
    enabled     boolean not null,
    updated_at  timestamptz not null default now(),
    primary key (plugin_id, room_id)
);

-- Per-tenant settings, validated against the plugin's settings schema when they are set. Kept when the
-- plugin is uninstalled (like its data), deleted with a purge.
create table plugin_settings (
    plugin_id   text not null check (plugin_id ~ '^[a-z][a-z0-9-]{1,31}$'),
    tenant_id   uuid not null references tenant (id) on delete cascade,
    settings    text not null check (length(settings) <= 65536),
    updated_at  timestamptz not null default now(),
    primary key (plugin_id, tenant_id)
);
