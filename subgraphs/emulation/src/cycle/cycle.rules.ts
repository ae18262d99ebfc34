import { constraintErrors, type ConstraintMeaning } from '@hoi/common/constraints';
import { notFound, ruleViolation } from '@hoi/common/errors';
import { sql, type EntityManager } from '@hoi/common/orm';
import type { ClusterMember } from '../cluster/emulation-cluster.type.ts';
import { lockCluster } from '../role/cluster-year.errors.ts';
import { MEMBER_COLUMNS, toMember, type MemberRow } from './cycle-member.sql.ts';
import { EmulationStage, stageReached } from './cycle.type.ts';
import { todayInVietnam } from '@hoi/common/dates';
export { todayInVietnam };
import { cleanText, cleanOptionalText } from '@hoi/common/text';
export { cleanText, cleanOptionalText };

/**
 * The rules every step of a cluster year's cycle shares: the cluster's writes take turns (lockCluster), so that
 * the steps of one cluster happen one at a time and two transitions cannot both pass their checks;
 * then the stage, the member and the date are checked; then the step writes and, if it is the
 * first act of the next stage, moves the cycle there.
 */

/** What a constraint of the cycle's tables means to the client, should a writer get past the checks. */
const CONSTRAINTS: Record<string, ConstraintMeaning> = {
  registration_title_key: ['CONFLICT', 'title', 'the member has already registered this'],
  registration_member_fkey: ['RULE_VIOLATION', 'memberId', 'the member must be a member of this cluster'],
  criterion_name_key: ['CONFLICT', 'criteria', 'two criteria have the same name'],
  criterion_weights_total: ['RULE_VIOLATION', 'criteria', 'the weights of the criteria must add up to 100'],
  score_pkey: ['CONFLICT', 'scores', 'the member already has a score on this criterion'],
  score_member_fkey: ['RULE_VIOLATION', 'memberId', 'the member must be a member of this cluster'],
  score_criterion_fkey: ['RULE_VIOLATION', 'scores', 'a score must be on a criterion of this cluster'],
  score_points_check: ['RULE_VIOLATION', 'scores', 'points must be between 0 and the criterion\'s maximum'],
  title_award_title_key: ['CONFLICT', 'title', 'the member already has this title'],
  title_award_member_fkey: ['RULE_VIOLATION', 'memberId', 'a title goes to a member of this cluster'],
  commendation_proposal_form_key: ['CONFLICT', 'form', 'the member is already proposed for this form'],
  commendation_proposal_member_fkey: ['RULE_VIOLATION', 'memberId', 'a commendation is proposed for a member of this cluster'],
};

export const constraintError = constraintErrors(CONSTRAINTS);




export interface LockedCycle {
  clusterId: string;
  year: number;
  stage: EmulationStage;
  criteriaSetOn: string | null;
  scoringStartedOn: string | null;
  rankedOn: string | null;
  titlesVotedOn: string | null;
}

/**
 * Takes the cluster's turn (lockCluster) and returns its year and cycle (REGISTRATION when it has no cycle row
 * yet); NOT_FOUND on clusterId. The cycle is read by a second statement, after the lock is held:
 * at READ COMMITTED a statement sees the rows committed before it started, so a cycle read by the
 * locking statement itself could be the one a transaction that held the lock has since changed.
 */
export async function lockCycle(em: EntityManager, clusterId: string): Promise<LockedCycle> {
  const cluster = await lockCluster(em, clusterId);
  const [cycle] = await sql<Omit<LockedCycle, 'clusterId' | 'year'>>(
    em,
    `select stage, to_char(criteria_set_on, 'YYYY-MM-DD') as "criteriaSetOn", to_char(scoring_started_on, 'YYYY-MM-DD') as "scoringStartedOn",
            to_char(ranked_on, 'YYYY-MM-DD') as "rankedOn", to_char(titles_voted_on, 'YYYY-MM-DD') as "titlesVotedOn"
       from emulation.cycle where cluster_id = ?`,
    [clusterId],
  );
  return {
    clusterId,
    year: cluster.year,
    ...(cycle ?? { stage: EmulationStage.REGISTRATION, criteriaSetOn: null, scoringStartedOn: null, rankedOn: null, titlesVotedOn: null }),
  };
}

/** Refuses a step the cycle's stage does not allow, on the field `stage`. */
export function requireStage(cycle: LockedCycle, allowed: readonly EmulationStage[], why: string): void {
  if (!allowed.includes(cycle.stage)) throw ruleViolation('stage', `${why}; the cycle is at ${cycle.stage}`);
}

/** The member, if it is one of this cluster's: NOT_FOUND when no member has the id, RULE_VIOLATION when it is another cluster's. */
export async function memberOf(em: EntityManager, cycle: LockedCycle, memberId: string): Promise<ClusterMember> {
  const [row] = await sql<MemberRow & { clusterId: string }>(
    em,
    `select m.cluster_id as "clusterId", ${MEMBER_COLUMNS} from emulation.cluster_member m where m.id = ?`,
    [memberId],
  );
  if (!row) throw notFound('memberId', 'no cluster member has this id');
  if (row.clusterId !== cycle.clusterId) throw ruleViolation('memberId', 'the member belongs to another cluster, not to this one');
  return toMember(row);
}

/**
 * A day of the cycle falls from the year before the cluster's emulation year (registrations and
 * criteria are often agreed at the previous review) to the year after (the review of a year is
 * often held early in the next), is not in the future, and not before the previous transition.
 */
export function assertCycleDate(cycle: LockedCycle, date: string, field: string, notBefore: { date: string | null; what: string } | null = null): void {
  const year = Number(date.slice(0, 4));
  if (year < cycle.year - 1 || year > cycle.year + 1) {
    throw ruleViolation(field, `${field} must fall between ${cycle.year - 1} and ${cycle.year + 1} for the cluster year ${cycle.year}`);
  }
  if (date > todayInVietnam()) throw ruleViolation(field, `${field} must not be in the future`);
  if (notBefore?.date && date < notBefore.date) throw ruleViolation(field, `${field} must not come before ${notBefore.what} (${notBefore.date})`);
}

type Transition = Exclude<EmulationStage, EmulationStage.REGISTRATION>;

const DATE_COLUMNS: Record<Transition, string> = {
  [EmulationStage.CRITERIA_SET]: 'criteria_set_on',
  [EmulationStage.SCORING]: 'scoring_started_on',
  [EmulationStage.RANKED]: 'ranked_on',
  [EmulationStage.TITLES_VOTED]: 'titles_voted_on',
};

/** Moves the cycle into a stage (or records the stage's date again), within the caller's transaction and lock. */
export async function moveCycle(em: EntityManager, cycle: LockedCycle, stage: Transition, date: string): Promise<void> {
  const column = DATE_COLUMNS[stage];
  await sql(
    em,
    `insert into emulation.cycle (cluster_id, stage, ${column}) values (?, ?, ?)
     on conflict (cluster_id) do update set stage = excluded.stage, ${column} = excluded.${column}, updated_at = now()`,
    [cycle.clusterId, stage, date],
  );
}

/** The titles vote and the proposals: once ranked; the first of them moves the cycle to TITLES_VOTED. */
export async function enterVote(em: EntityManager, cycle: LockedCycle, date: string, field: string): Promise<void> {
  if (!stageReached(cycle.stage, EmulationStage.RANKED)) {
    throw ruleViolation('stage', `titles are voted and commendations proposed once the ranking is computed; the cycle is at ${cycle.stage}`);
  }
  assertCycleDate(cycle, date, field, { date: cycle.rankedOn, what: 'the ranking' });
  if (cycle.stage === EmulationStage.RANKED) await moveCycle(em, cycle, EmulationStage.TITLES_VOTED, date);
}
