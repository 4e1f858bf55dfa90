-- The minutes plugin's storage: documents, their append-only revisions, and the finalised PDF/A exports.
-- Nothing is ever updated or deleted (M7): the state of a document is the fold of its revisions.

create table minutes_document (
    id          uuid primary key,
    tenant_id   uuid        not null,
    room_id     text        not null,
    created_at  timestamptz not null
);
create index minutes_document_room on minutes_document (tenant_id, room_id, created_at);

-- One row per change. payload is the canonical JSON text (org.plenum.api.json); hash links the rows of a
-- document: sha256(prev_hash || canonical JSON of {actor, at, payload, seq, type}), so an edited row shows.
create table minutes_revision (
    document_id uuid        not null references minutes_document (id),
    seq         bigint      not null check (seq >= 1),
    recorded_at timestamptz not null,
    actor_key   text        not null,
    actor_name  text        not null,
    type        text        not null,
    payload     text        not null,
    prev_hash   text        not null,
    hash        text        not null,
    primary key (document_id, seq)
);

-- The PDF/A of each finalised version, for everyone in the tenant (full) and for the public (public).
create table minutes_export (
    document_id uuid        not null references minutes_document (id),
    version     integer     not null check (version >= 1),
    audience    text        not null check (audience in ('full', 'public')),
    sha256      text        not null,
    pdf         bytea       not null,
    created_at  timestamptz not null,
    primary key (document_id, version, audience)
);

create function minutes_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the minutes are append-only: % on % is refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger minutes_document_append_only before update or delete on minutes_document
    for each row execute function minutes_append_only();
create trigger minutes_document_no_truncate before truncate on minutes_document
    for each statement execute function minutes_append_only();
create trigger minutes_revision_append_only before update or delete on minutes_revision
    for each row execute function minutes_append_only();
create trigger minutes_revision_no_truncate before truncate on minutes_revision
    for each statement execute function minutes_append_only();
create trigger minutes_export_append_only before update or delete on minutes_export
    for each row execute function minutes_append_only();
create trigger minutes_export_no_truncate before truncate on minutes_export
    for each statement execute function minutes_append_only();
