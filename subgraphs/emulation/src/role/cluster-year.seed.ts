import { randomUUID } from 'node:crypto';
import type pg from 'pg';

/** Test seed builders for the roles, meetings and regulations of clusters seeded by `seedClusters`. */

/** The member ids of each cluster, in position order. */
export async function membersOf(client: pg.Client, clusterIds: string[]): Promise<Map<string, string[]>> {
  const { rows } = await client.query<{ id: string; clusterId: string }>(
    `select id, cluster_id as "clusterId" from emulation.cluster_member where cluster_id = any($1::uuid[]) order by cluster_id, position`,
    [clusterIds],
  );
  const members = new Map<string, string[]>(clusterIds.map((id) => [id, []]));
  for (const row of rows) members.get(row.clusterId)!.push(row.id);
  return members;
}

export async function seedRole(client: pg.Client, clusterId: string, role: string, memberId: string, heldBy: string | null = null): Promise<string> {
  const id = randomUUID();
  await client.query(`insert into emulation.cluster_role (id, cluster_id, role, member_id, held_by) values ($1, $2, $3, $4, $5)`, [
    id,
    clusterId,
    role,
    memberId,
    heldBy?.normalize('NFC') ?? null,
  ]);
  return id;
}

export interface SeedMeeting {
  clusterId: string;
  kind: string;
  theme?: string;
  unitId?: string;
  heldOn?: string;
  attendees?: string[];
  guests?: { name: string; role?: string }[];
  decisions?: string[];
}

export async function seedMeeting(client: pg.Client, meeting: SeedMeeting): Promise<string> {
  const id = randomUUID();
  await client.query(`insert into emulation.cluster_meeting (id, cluster_id, kind, theme, unit_id, held_on) values ($1, $2, $3, $4, $5, $6)`, [
    id,
    meeting.clusterId,
    meeting.kind,
    meeting.theme?.normalize('NFC') ?? null,
    meeting.unitId ?? null,
    meeting.heldOn ?? null,
  ]);
  for (const memberId of meeting.attendees ?? []) {
    await client.query(`insert into emulation.meeting_attendee (meeting_id, cluster_id, member_id) values ($1, $2, $3)`, [id, meeting.clusterId, memberId]);
  }
  for (const [index, guest] of (meeting.guests ?? []).entries()) {
    await client.query(`insert into emulation.meeting_guest (meeting_id, position, name, role) values ($1, $2, $3, $4)`, [
      id,
      index + 1,
      guest.name.normalize('NFC'),
      guest.role?.normalize('NFC') ?? null,
    ]);
  }
  for (const [index, text] of (meeting.decisions ?? []).entries()) {
    await client.query(`insert into emulation.meeting_decision (meeting_id, position, text) values ($1, $2, $3)`, [id, index + 1, text.normalize('NFC')]);
  }
  return id;
}

export interface SeedRegulation {
  clusterId: string;
  title: string;
  status: 'ADOPTED' | 'REJECTED';
  votes?: [number, number, number];
  votedOn?: string;
  meetingId?: string;
}

export async function seedRegulation(client: pg.Client, regulation: SeedRegulation): Promise<string> {
  const id = randomUUID();
  const [votesFor, votesAgainst, votesAbstaining] = regulation.votes ?? [null, null, null];
  await client.query(
    `insert into emulation.regulation (id, cluster_id, title, status, votes_for, votes_against, votes_abstaining, voted_on, meeting_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, regulation.clusterId, regulation.title.normalize('NFC'), regulation.status, votesFor, votesAgainst, votesAbstaining, regulation.votedOn ?? null, regulation.meetingId ?? null],
  );
  return id;
}
