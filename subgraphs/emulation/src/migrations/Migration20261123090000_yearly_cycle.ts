import { Migration } from '@mikro-orm/migrations';

/** A text column stored in Unicode NFC, not blank, of bounded length. */
const CLEAN_TEXT = (column: string, maxLength: number) =>
  `check (${column} = normalize(${column}, NFC) and length(trim(${column})) > 0 and length(${column}) <= ${maxLength})`;

const STAGES = `'REGISTRATION', 'CRITERIA_SET', 'SCORING', 'RANKED', 'TITLES_VOTED'`;
const TITLES = `'GOVERNMENT_EMULATION_FLAG', 'MINISTRY_PROVINCE_EMULATION_FLAG', 'EXCELLENT_LABOUR_COLLECTIVE', 'ADVANCED_LABOUR_COLLECTIVE'`;
const FORMS = `'LABOUR_ORDER_FIRST_CLASS', 'LABOUR_ORDER_SECOND_CLASS', 'LABOUR_ORDER_THIRD_CLASS',
  'PRIME_MINISTER_CERTIFICATE_OF_MERIT', 'MINISTRY_PROVINCE_CERTIFICATE_OF_MERIT', 'CERTIFICATE_OF_COMMENDATION'`;

/**
 * The yearly cycle of a cluster year (one `emulation.cluster` row): registrations, criteria,
 * scores, the titles voted and the commendations proposed. The database enforces what the API
 * checks: known stages, a transition date only for a stage reached and never before the previous
 * one, criterion weights of 1..100 adding up to 100 per cluster (checked at commit, so criteria are
 * replaced within one transaction), points within 0..the criterion's maximum, one score per member
 * and criterion, and every row that names a member naming a member of that very cluster.
 *
 * The (cluster_id, id) key of emulation.cluster_member that the member foreign keys point at is
 * added by Migration20261123080000_roles_regulations_meetings, which runs before this one.
 */
export class Migration20261123090000_yearly_cycle extends Migration {
  override up(): void {
    // No row: the cluster is at REGISTRATION. Dates stay null when a source does not give them
    // (the demo's 2022 review); the API always records one.
    this.addSql(`
      create table emulation.cycle (
        cluster_id uuid primary key references emulation.cluster (id),
        stage text not null check (stage in (${STAGES})),
        criteria_set_on date,
        scoring_started_on date,
        ranked_on date,
        titles_voted_on date,
        updated_at timestamptz not null default now(),
        constraint cycle_dates_reached_check check (
          (criteria_set_on is null or stage <> 'REGISTRATION')
          and (scoring_started_on is null or stage in ('SCORING', 'RANKED', 'TITLES_VOTED'))
          and (ranked_on is null or stage in ('RANKED', 'TITLES_VOTED'))
          and (titles_voted_on is null or stage = 'TITLES_VOTED')
        ),
        constraint cycle_dates_order_check check (
          scoring_started_on >= criteria_set_on
          and ranked_on >= coalesce(scoring_started_on, criteria_set_on)
          and titles_voted_on >= coalesce(ranked_on, scoring_started_on, criteria_set_on)
        )
      )`);

    this.addSql(`
      create table emulation.registration (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        member_id uuid not null,
        kind text not null check (kind in ('COMMITMENT', 'MODEL_PROGRAMME')),
        title text collate "vi-x-icu" not null ${CLEAN_TEXT('title', 300)},
        description text ${CLEAN_TEXT('description', 2000)},
        registered_on date,
        created_at timestamptz not null default now(),
        constraint registration_member_fkey foreign key (cluster_id, member_id) references emulation.cluster_member (cluster_id, id)
      )`);
    // A member registers a title once per kind, whatever its letter case.
    this.addSql(`create unique index registration_title_key on emulation.registration (member_id, kind, lower(title))`);
    this.addSql(`create index registration_cluster_idx on emulation.registration (cluster_id)`);

    this.addSql(`
      create table emulation.criterion (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        position smallint not null check (position between 1 and 50),
        name text collate "vi-x-icu" not null ${CLEAN_TEXT('name', 300)},
        description text ${CLEAN_TEXT('description', 2000)},
        weight smallint not null check (weight between 1 and 100),
        max_points smallint not null check (max_points between 1 and 1000),
        constraint criterion_position_key unique (cluster_id, position),
        constraint criterion_scale_key unique (cluster_id, id, max_points)
      )`);
    this.addSql(`create unique index criterion_name_key on emulation.criterion (cluster_id, lower(name))`);
    // Weights add up to 100 per cluster that has criteria; deferred to commit, so that the criteria
    // of a cluster are replaced (deleted, then inserted) within one transaction.
    this.addSql(`
      create function emulation.criterion_weights_total() returns trigger language plpgsql as $$
      declare
        cluster uuid := coalesce(new.cluster_id, old.cluster_id);
        total integer;
      begin
        select sum(weight) into total from emulation.criterion where cluster_id = cluster;
        if total is not null and total <> 100 then
          raise exception 'the criteria weights of cluster % add up to %, not 100', cluster, total
            using errcode = 'check_violation', constraint = 'criterion_weights_total';
        end if;
        return null;
      end $$`);
    this.addSql(`
      create constraint trigger criterion_weights_total after insert or update or delete on emulation.criterion
      deferrable initially deferred for each row execute function emulation.criterion_weights_total()`);

    // max_points is the criterion's, carried by the foreign key, so that the range check holds.
    this.addSql(`
      create table emulation.score (
        cluster_id uuid not null,
        member_id uuid not null,
        criterion_id uuid not null,
        max_points smallint not null,
        points smallint not null,
        scored_on date,
        created_at timestamptz not null default now(),
        primary key (member_id, criterion_id),
        constraint score_member_fkey foreign key (cluster_id, member_id) references emulation.cluster_member (cluster_id, id),
        constraint score_criterion_fkey foreign key (cluster_id, criterion_id, max_points) references emulation.criterion (cluster_id, id, max_points),
        constraint score_points_check check (points between 0 and max_points)
      )`);
    this.addSql(`create index score_cluster_idx on emulation.score (cluster_id)`);

    this.addSql(`
      create table emulation.title_award (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        member_id uuid not null,
        title text not null check (title in (${TITLES})),
        voted_on date,
        note text ${CLEAN_TEXT('note', 2000)},
        created_at timestamptz not null default now(),
        constraint title_award_member_fkey foreign key (cluster_id, member_id) references emulation.cluster_member (cluster_id, id),
        constraint title_award_title_key unique (member_id, title)
      )`);
    this.addSql(`create index title_award_cluster_idx on emulation.title_award (cluster_id)`);

    this.addSql(`
      create table emulation.commendation_proposal (
        id uuid primary key,
        cluster_id uuid not null references emulation.cluster (id),
        member_id uuid not null,
        form text not null check (form in (${FORMS})),
        proposed_on date,
        reason text ${CLEAN_TEXT('reason', 2000)},
        created_at timestamptz not null default now(),
        constraint commendation_proposal_member_fkey foreign key (cluster_id, member_id) references emulation.cluster_member (cluster_id, id),
        constraint commendation_proposal_form_key unique (member_id, form)
      )`);
    this.addSql(`create index commendation_proposal_cluster_idx on emulation.commendation_proposal (cluster_id)`);
  }

  override down(): void {
    this.addSql(`drop table emulation.commendation_proposal`);
    this.addSql(`drop table emulation.title_award`);
    this.addSql(`drop table emulation.score`);
    this.addSql(`drop table emulation.criterion`);
    this.addSql(`drop function emulation.criterion_weights_total()`);
    this.addSql(`drop table emulation.registration`);
    this.addSql(`drop table emulation.cycle`);
  }
}
