import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@hoi/common/identity';
import { withDatabase } from '../../../../test/database.ts';
import { graphql, subgraphUrl, tokenFor } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';

const url = () => subgraphUrl('elderly');
let provinceId: string;
let districtId: string;
let clubA: string;
let clubB: string;

const ADD_MEMBER = `mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id } }`;
const INTAKE = `mutation ($input: MembershipIntakeInput!) { recordMembershipIntake(input: $input) { id } }`;
const FUND = `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`;

const member = (clubId: string) => ({
  clubId, fullName: 'Lò Văn Thử', sex: 'MALE', birthDate: '1950-01-01', ethnicGroup: 'Thái', povertyStatus: 'NEITHER', joinedOn: '2024-01-01',
});
const grant = (clubId: string) => ({ clubId, kind: 'STARTING_GRANT', amountVnd: 1_000_000, occurredOn: '2024-01-02', note: 'Vốn ban đầu' });

async function as(role: Role | null, scope: string[], query: string, input: Record<string, unknown>) {
  const token = role ? await tokenFor({ role, scope, ...(role === 'partner' ? { subgraph: 'elderly' } : {}) }) : null;
  return graphql(url(), query, { input }, undefined, { token });
}

describe('who may write to an association unit or a club', () => {
  beforeAll(async () => {
    await withDatabase(async (client) => {
      const province = await seedAssociationWithClubs(client, { name: 'Hội NCT tỉnh Quyền Hạn', level: 'PROVINCE' }, []);
      const district = await seedAssociationWithClubs(client, { name: 'Hội NCT huyện Quyền Hạn', level: 'DISTRICT' }, [
        { name: 'CLB quyền A', foundedOn: '2020-01-01' },
        { name: 'CLB quyền B', foundedOn: '2020-01-01' },
      ]);
      await client.query('update elderly.association set parent_id = $1 where id = $2', [province.associationId, district.associationId]);
      provinceId = province.associationId;
      districtId = district.associationId;
      clubA = district.clubIds.get('CLB quyền A')!;
      clubB = district.clubIds.get('CLB quyền B')!;
    });
  });

  it('lets the club manager, the association officers above and the national administrator write to a club', async () => {
    const allowed: [Role, string[]][] = [['club_manager', [clubA]], ['association_officer', [districtId]], ['association_officer', [provinceId]], ['national_admin', []]];
    for (const [role, scope] of allowed) {
      expect((await as(role, scope, ADD_MEMBER, member(clubA))).errors, role).toBeUndefined();
    }
    expect((await as('club_manager', [clubA], FUND, grant(clubA))).errors).toBeUndefined();
  });

  it('refuses everyone else, on the field that names the target, and writes nothing', async () => {
    const refusedInScope: [Role, string[]][] = [['club_manager', [clubB]], ['association_officer', [randomUUID()]], ['chapter_officer', [provinceId]], ['cluster_secretary', [clubA]]];
    for (const [role, scope] of refusedInScope) {
      const result = await as(role, scope, ADD_MEMBER, member(clubA));
      expect(result.errors?.[0].extensions, role).toMatchObject({ code: 'FORBIDDEN', field: 'clubId' });
    }
    for (const role of ['analyst', 'partner', null] as const) {
      const result = await as(role, [], ADD_MEMBER, member(clubA));
      expect(result.errors?.[0].extensions, String(role)).toMatchObject({ code: 'FORBIDDEN', field: 'addClubMember' });
    }
    // A club manager does not write for the association unit above it.
    const intake = await as('club_manager', [clubA], INTAKE, { associationId: districtId, period: { type: 'YEAR', year: 2024 }, newMembers: 3 });
    expect(intake.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'associationId' });
    const listed = await graphql(url(), `query ($id: ID!) { club(id: $id) { members { totalCount } } }`, { id: clubA });
    expect(listed).toEqual({ data: { club: { members: { totalCount: 4 } } } });
  });

  it('still says NOT_FOUND for a club that does not exist', async () => {
    const result = await as('club_manager', [clubA], ADD_MEMBER, member(randomUUID()));
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'clubId' });
  });
});
