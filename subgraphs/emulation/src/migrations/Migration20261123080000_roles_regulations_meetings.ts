import { Migration } from '@mikro-orm/migrations';

/** A text column stored in Unicode NFC and not blank. */
const CLEAN_TEXT = (column: string) => `check (${column} = normalize(${column}, NFC) and length(trim(${column})) > 0)`;

/**
 * The roles of a cluster year (head, deputy, host of the review meeting, host assigned for the
 * next year), its meetings, and the regulations (quy chế hoạt động) it votes on. The database
 * enforces what the API checks: a role holder and a meeting's attendee are members of that very
 * cluster (foreign keys on the pair cluster, member), one holder of each role per cluster, a head
 * who is not also the deputy, one review conference per cluster year, one adopted regulation per
 * cluster, and a recorded vote whose outcome follows from its counts.
 */
export class Migration20261123080000_roles_regulations_meetings extends Migration {
  override up(): void {
    // The targets of the (cluster, member) and (meeting, cluster) foreign keys below.
    this.addSql(`alter table emulation.cluster_member add constraint cluster_member_cluster_id_id_key unique (cluster_id, id)`);

    this.addSql(`
      create table emulation.cluster_role (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        role text not null check (role in ('HEAD', 'DEPUTY', 'REVIEW_HOST', 'NEXT_YEAR_HOST')),
        member_id uuid not null,
        selection text check (selection in ('ELECTION', 'ROTATION')),
        held_by text ${CLEAN_TEXT('held_by')},
        created_at timestamptz not null default now(),
        constraint cluster_role_member_fkey foreign key (cluster_id, member_id) references emulation.cluster_member (cluster_id, id),
        constraint cluster_role_role_key unique (cluster_id, role)
      )`);
    // The deputy (cụm phó) is another member than the head (cụm trưởng).
    this.addSql(`create unique index cluster_role_head_deputy_key on emulation.cluster_role (cluster_id, member_id) where role in ('HEAD', 'DEPUTY')`);

    this.addSql(`
      create table emulation.cluster_meeting (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        kind text not null check (kind in ('REVIEW_CONFERENCE', 'SEMINAR', 'OTHER')),
        theme text ${CLEAN_TEXT('theme')},
        unit_id text check (unit_id ~ '^(BEFORE_2025|CURRENT):[0-9]+$'),
        venue text ${CLEAN_TEXT('venue')},
        held_on date,
        created_at timestamptz not null default now(),
        constraint cluster_meeting_cluster_key unique (id, cluster_id)
      )`);
    this.addSql(`create index cluster_meeting_cluster_idx on emulation.cluster_meeting (cluster_id, held_on)`);
    // A cluster year has one review conference (hội nghị tổng kết); seminars and others are free.
    this.addSql(`create unique index cluster_meeting_review_key on emulation.cluster_meeting (cluster_id) where kind = 'REVIEW_CONFERENCE'`);

    this.addSql(`
      create table emulation.meeting_attendee (
        meeting_id uuid not null,
        cluster_id uuid not null,
        member_id uuid not null,
        primary key (meeting_id, member_id),
        constraint meeting_attendee_meeting_fkey foreign key (meeting_id, cluster_id) references emulation.cluster_meeting (id, cluster_id) on delete cascade,
        constraint meeting_attendee_member_fkey foreign key (cluster_id, member_id) references emulation.cluster_member (cluster_id, id)
      )`);
    this.addSql(`
      create table emulation.meeting_guest (
        meeting_id uuid not null references emulation.cluster_meeting (id) on delete cascade,
        position smallint not null check (position > 0),
        name text not null ${CLEAN_TEXT('name')},
        role text ${CLEAN_TEXT('role')},
        primary key (meeting_id, position)
      )`);
    this.addSql(`
      create table emulation.meeting_decision (
        meeting_id uuid not null references emulation.cluster_meeting (id) on delete cascade,
        position smallint not null check (position > 0),
        text text not null ${CLEAN_TEXT('text')},
        primary key (meeting_id, position)
      )`);

    // Vote counts are all known or all unknown (an article may say "adopted by vote" only). Votes
    // cast are for + against + abstaining; a regulation is adopted when more than half are for.
    this.addSql(`
      create table emulation.regulation (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        title text collate "vi-x-icu" not null ${CLEAN_TEXT('title')},
        status text not null check (status in ('ADOPTED', 'REJECTED')),
        votes_for integer check (votes_for >= 0),
        votes_against integer check (votes_against >= 0),
        votes_abstaining integer check (votes_abstaining >= 0),
        voted_on date,
        meeting_id uuid,
        created_at timestamptz not null default now(),
        constraint regulation_meeting_fkey foreign key (meeting_id, cluster_id) references emulation.cluster_meeting (id, cluster_id),
        constraint regulation_votes_check check (num_nulls(votes_for, votes_against, votes_abstaining) in (0, 3)),
        constraint regulation_votes_cast_check check (votes_for + votes_against + votes_abstaining > 0),
        constraint regulation_majority_check check (
          votes_for is null or (status = 'ADOPTED') = (votes_for * 2 > votes_for + votes_against + votes_abstaining)
        )
      )`);
    this.addSql(`create index regulation_cluster_idx on emulation.regulation (cluster_id, voted_on)`);
    this.addSql(`create unique index regulation_adopted_key on emulation.regulation (cluster_id) where status = 'ADOPTED'`);
  }

  override down(): void {
    this.addSql(`drop table emulation.regulation`);
    this.addSql(`drop table emulation.meeting_decision`);
    this.addSql(`drop table emulation.meeting_guest`);
    this.addSql(`drop table emulation.meeting_attendee`);
    this.addSql(`drop table emulation.cluster_meeting`);
    this.addSql(`drop table emulation.cluster_role`);
    this.addSql(`alter table emulation.cluster_member drop constraint cluster_member_cluster_id_id_key`);
  }
}
