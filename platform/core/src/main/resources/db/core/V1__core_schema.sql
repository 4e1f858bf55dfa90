-- Core schema: tenants, users, rooms, scheduled meetings, invites, bans, server keys.

create table tenant (
    id          uuid primary key,
    slug        text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text not null check (length(name) between 1 and 200),
    parent_id   uuid references tenant (id),
    created_at  timestamptz not null default now()
);
-- exactly one state (root) tenant
create unique index tenant_single_root on tenant ((parent_id is null)) where parent_id is null;

create table app_user (
    id            uuid primary key,
    tenant_id     uuid not null references tenant (id),
    username      text unique check (username ~ '^[a-zA-Z0-9._@-]{1,100}$'),
    password_hash text,
    issuer        text,
    subject       text,
    display_name  text not null check (length(display_name) between 1 and 200),
    role          text not null check (role in ('platform_admin', 'tenant_admin', 'moderator', 'member', 'guest')),
    created_at    timestamptz not null default now(),
    unique (issuer, subject),
    check ((username is not null) or (issuer is not null and subject is not null))
);

create table room (
    id                  text primary key,
    tenant_id           uuid not null references tenant (id),
    owner_id            uuid not null references app_user (id),
    title               text not null check (length(title) between 1 and 200),
    password_hash       text,
    waiting_room        text not null default 'guests' check (waiting_room in ('off', 'guests', 'everyone')),
    locked              boolean not null default false,
    dialin_conference_id text not null unique,
    dialin_pin          text not null,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index room_tenant on room (tenant_id);

create table meeting (
    id          uuid primary key,
    room_id     text not null references room (id) on delete cascade,
    title       text not null check (length(title) between 1 and 200),
    starts_at   timestamptz not null,
    ends_at     timestamptz not null check (ends_at > starts_at),
    invitees    text[] not null default '{}',
    created_by  uuid not null references app_user (id),
    created_at  timestamptz not null default now()
);
create index meeting_room on meeting (room_id, starts_at);

create table invite (
    id          uuid primary key,
    room_id     text not null references room (id) on delete cascade,
    token       text not null unique,
    label       text,
    created_by  uuid not null references app_user (id),
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index invite_room on invite (room_id);

-- a ban names a user (members) or an invite (guests); either way that identity cannot join again
create table room_ban (
    room_id     text not null references room (id) on delete cascade,
    user_id     uuid references app_user (id) on delete cascade,
    invite_id   uuid references invite (id) on delete cascade,
    created_at  timestamptz not null default now(),
    check ((user_id is null) <> (invite_id is null))
);
create unique index room_ban_user on room_ban (room_id, user_id) where user_id is not null;
create unique index room_ban_invite on room_ban (room_id, invite_id) where invite_id is not null;

-- the server's own signing keys (JWK JSON), created on first start
create table server_key (
    name        text primary key,
    jwk         text not null,
    created_at  timestamptz not null default now()
);
