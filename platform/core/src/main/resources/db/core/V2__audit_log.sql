-- Audit log: append-only, hash-chained entries (docs/architecture.md, "Audit log").
-- The hash rule and the verifier are the SPI's: org.plenum.api.audit.AuditEntry and ChainVerification.
--
-- What the database enforces, for every role including superusers unless they disable triggers:
--   * entries are never updated, deleted or truncated;
--   * an entry must continue its chain: sequence = head + 1 and prev_hash = the head's hash;
--   * a chain's head moves only together with an appended entry; chains are never deleted.
-- A superuser (or the owner of the tables) can still disable the triggers and edit rows; that is
-- what ChainVerification and the signed heads detect.

create table audit_chain (
    id          bigint generated always as identity primary key,
    tenant_id   uuid not null references tenant (id),
    owner       text not null check (owner ~ '^[a-z][a-z0-9-]{1,31}$'),
    name        text not null check (name ~ '^[A-Za-z0-9._:/-]{1,128}$'),
    created_at  timestamptz not null default now(),
    -- the last appended entry, kept by the trigger on audit_entry; seq 0 and 32 zero bytes when empty
    head_seq    bigint not null default 0 check (head_seq >= 0),
    head_hash   bytea not null default decode(repeat('00', 32), 'hex') check (length(head_hash) = 32),
    unique (tenant_id, owner, name)
);

create table audit_entry (
    chain_id     bigint not null references audit_chain (id),
    seq          bigint not null check (seq >= 1),
    -- insertion order, which is the "stored order" the verifier walks: moving entries shows up as
    -- OUT_OF_SEQUENCE at the first entry out of place
    id           bigint generated always as identity,
    recorded_at  timestamptz not null,
    type         text not null check (type ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    -- the canonical JSON text exactly as hashed (JsonValue.toJson); not jsonb, which would rewrite it
    payload      text not null check (length(payload) <= 65536),
    prev_hash    bytea not null check (length(prev_hash) = 32),
    hash         bytea not null check (length(hash) = 32),
    primary key (chain_id, seq)
);
create index audit_entry_stored_order on audit_entry (chain_id, id);

create function audit_refuse_change() returns trigger language plpgsql
    set search_path = plenum, pg_temp as $$
begin
    if tg_level = 'STATEMENT' then
        raise exception 'the audit log is append-only: % of %.% is refused', tg_op, tg_table_schema, tg_table_name
            using errcode = '42501', hint = 'audit entries cannot be changed or removed; append a correcting entry instead';
    end if;
    raise exception 'the audit log is append-only: % of entry % of audit chain % is refused', tg_op, old.seq, old.chain_id
        using errcode = '42501', hint = 'audit entries cannot be changed or removed; append a correcting entry instead';
end
$$;

create trigger audit_entry_no_update_delete before update or delete on audit_entry
    for each row execute function audit_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_refuse_change();

create function audit_entry_advance_head() returns trigger language plpgsql
    set search_path = plenum, pg_temp as $$
begin
    update audit_chain set head_seq = new.seq, head_hash = new.hash
     where id = new.chain_id and head_seq = new.seq - 1 and head_hash = new.prev_hash;
    if not found then
        raise exception 'audit entry % does not continue audit chain %: an entry must have the next sequence number and link to the head''s hash',
            new.seq, new.chain_id using errcode = '23514';
    end if;
    return new;
end
$$;

create trigger audit_entry_continues_chain before insert on audit_entry
    for each row execute function audit_entry_advance_head();

create function audit_chain_guard() returns trigger language plpgsql
    set search_path = plenum, pg_temp as $$
begin
    if tg_op = 'DELETE' then
        raise exception 'audit chains are never deleted (chain %)', old.id using errcode = '42501';
    end if;
    if tg_op = 'TRUNCATE' then
        raise exception 'audit chains are never deleted' using errcode = '42501';
    end if;
    if (new.id, new.tenant_id, new.owner, new.name, new.created_at) is distinct from
       (old.id, old.tenant_id, old.owner, old.name, old.created_at) then
        raise exception 'an audit chain''s identity cannot change (chain %)', old.id using errcode = '42501';
    end if;
    -- depth 1: a direct UPDATE; depth 2: the update made by audit_entry_advance_head
    if (new.head_seq, new.head_hash) is distinct from (old.head_seq, old.head_hash) and pg_trigger_depth() < 2 then
        raise exception 'the head of audit chain % moves only when an entry is appended', old.id using errcode = '42501';
    end if;
    return new;
end
$$;

create trigger audit_chain_guard_row before update or delete on audit_chain
    for each row execute function audit_chain_guard();
create trigger audit_chain_no_truncate before truncate on audit_chain
    for each statement execute function audit_chain_guard();

-- The application role needs INSERT and SELECT on entries, nothing more. Revoking from the owner
-- (the role that runs migrations) is a second fence for non-superuser deployments; the owner could
-- grant it back, which is one of the things a DB administrator, not the application, can do.
revoke update, delete, truncate on audit_entry from current_user;
revoke delete, truncate on audit_chain from current_user;

-- The server's Ed25519 key that signs chain heads is kept in server_key like the token key, one row
-- per key ('audit-head-signing/<fingerprint>'); rotation retires the old row (keeping its public
-- key, so heads it signed stay checkable) and adds a new one.
alter table server_key add column retired_at timestamptz;
create unique index server_key_one_active_audit_key on server_key ((retired_at is null))
    where name like 'audit-head-signing/%' and retired_at is null;
