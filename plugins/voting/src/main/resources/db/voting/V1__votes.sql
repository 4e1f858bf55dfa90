-- The voting plugin's own tables (schema plugin_voting). The ledger itself is the core's audit log
-- (one chain "vote/<id>" per vote); these tables are the working copy the plugin runs on and the
-- verifier compares with the ledger. docs/plugins/voting.md, "Storage".
--
-- Secret votes: the roster (who received a credential) and the ballot box (credential hash, choice)
-- are separate tables with nothing to join them: no voter column in the ballot box, no time
-- columns in either, no shared sequence. What remains (row order, transaction ids) is described
-- in docs/plugins/voting.md, "What an operator can still learn".

create table vote (
    id               uuid primary key,
    tenant_id        uuid not null,
    room_id          text not null,
    kind             text not null check (kind in ('roll_call', 'pseudonymous', 'secret')),
    purpose          text not null check (purpose in ('decision', 'election')),
    question         text not null,
    agenda_item      text,
    -- the options and rules as started (canonical JSON of the vote.opened payload)
    definition       text not null,
    state            text not null check (state in ('open', 'closed', 'cancelled')),
    chair_id         text not null,
    opened_at        timestamptz not null,
    deadline         timestamptz,
    closed_at        timestamptz,
    outcome          text,
    reason           text,
    -- the result as announced (canonical JSON) and the signed head of the ledger at close
    result           text,
    signed_head      text,
    repeat_of        uuid,
    -- secret votes: the per-vote RSA key for blind signatures; the private half is erased at close
    rsa_public_key   bytea,
    rsa_private_key  bytea
);
-- V3: at most one open vote per room, also against races and restarts
create unique index vote_one_open_per_room on vote (tenant_id, room_id) where state = 'open';
create index vote_by_room on vote (tenant_id, room_id, opened_at);

-- Who may vote, and (secret votes) who received a credential. ledger_seq: the ledger entry that
-- recorded the row's last change.
create table roster (
    vote_id            uuid not null references vote (id),
    voter_key          text not null,
    display_name       text not null,
    eligible           boolean not null,
    reason             text not null default '',
    credential_issued  boolean not null default false,
    ledger_seq         bigint not null,
    primary key (vote_id, voter_key)
);

-- Roll-call and pseudonymous ballots: public by their nature (names, or receipt tokens).
create table ballot (
    vote_id     uuid not null references vote (id),
    voter_key   text not null,
    choice      text not null,
    receipt     text not null,
    ledger_seq  bigint not null,
    primary key (vote_id, voter_key),
    unique (vote_id, receipt)
);

-- Secret ballots: the credential's hash and the choice, nothing about the voter.
create table ballot_box (
    vote_id     uuid not null references vote (id),
    ballot_id   text not null,
    choice      text not null,
    ledger_seq  bigint not null,
    primary key (vote_id, ballot_id)
);

-- Fault reports ("I cannot hear/see/vote"): shown to the chair; time to the second.
create table fault (
    id           uuid primary key,
    tenant_id    uuid not null,
    room_id      text not null,
    vote_id      uuid references vote (id),
    reported_at  timestamptz not null,
    kind         text not null check (kind in ('hear', 'see', 'vote', 'connection', 'other')),
    note         text not null default '',
    reporter     text not null,
    ledger_seq   bigint
);
create index fault_by_room on fault (tenant_id, room_id, reported_at);
