import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../../../../test/database.ts';
import { gatewayUrl, graphql, statementsFor, subgraphUrl } from '../../../../test/graphql.ts';
import { seedAssociationWithClubs } from '../club/club.seed.ts';

/**
 * A loan names its borrower (người vay) as a member of the lending club: `borrowerMemberId` on
 * `disburseLoan` and `recordRepayment`, `FundEntry.borrower` resolved by a loader. The ledger keys
 * the borrower by the member, so a member's repayments pay that member's loans.
 */
const M = 1_000_000;
const ENTRY = 'id kind amountVnd borrowerRef borrower { id fullName }';
const DISBURSE = `mutation ($input: DisburseLoanInput!) { disburseLoan(input: $input) { ${ENTRY} } }`;
const REPAY = `mutation ($input: RecordRepaymentInput!) { recordRepayment(input: $input) { ${ENTRY} } }`;
const GRANT = `mutation ($input: RecordFundEntryInput!) { recordFundEntry(input: $input) { id } }`;
const ADD_MEMBER = `mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id } }`;
const HOSTS = { subgraph: () => subgraphUrl('elderly'), gateway: () => gatewayUrl() };

const ids: Record<string, string> = {};

async function member(clubId: string, fullName: string): Promise<string> {
  const result = await graphql<{ addClubMember: { id: string } }>(subgraphUrl('elderly'), ADD_MEMBER, {
    input: { clubId, fullName, sex: 'FEMALE', birthDate: '1950-05-01', ethnicGroup: 'Thái', povertyStatus: 'NEITHER', joinedOn: '2015-01-01' },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.addClubMember.id;
}

describe('a loan names its borrower as a ClubMember (người vay)', () => {
  beforeAll(async () => {
    const seeded = await withDatabase((client) =>
      seedAssociationWithClubs(client, { name: `Hội NCT xã Người Vay ${randomUUID().slice(0, 4)}`, level: 'COMMUNE' }, [{ name: 'CLB Người Vay' }, { name: 'CLB Bên Cạnh' }]),
    );
    ids.club = seeded.clubIds.get('CLB Người Vay')!;
    ids.other = seeded.clubIds.get('CLB Bên Cạnh')!;
    ids.lan = await member(ids.club, 'Lò Thị Lan');
    ids.hoa = await member(ids.club, 'Lò Thị Hoa');
    ids.neighbour = await member(ids.other, 'Cầm Văn Pọm');
    const grant = await graphql(subgraphUrl('elderly'), GRANT, { input: { clubId: ids.club, kind: 'STARTING_GRANT', amountVnd: 25 * M, occurredOn: '2020-01-10', note: 'Vốn ban đầu' } });
    expect(grant.errors).toBeUndefined();
  });

  it.each(Object.keys(HOSTS) as (keyof typeof HOSTS)[])('lends to and takes repayments from a member, keyed by the member (%s)', async (host) => {
    const borrower = host === 'subgraph' ? ids.lan : ids.hoa;
    const day = host === 'subgraph' ? '2020-02-01' : '2020-03-01';
    const loan = await graphql<{ disburseLoan: Record<string, unknown> }>(HOSTS[host](), DISBURSE, {
      input: { clubId: ids.club, borrowerMemberId: borrower.toUpperCase(), amountVnd: 5 * M, occurredOn: day, dueOn: '2021-02-01', note: 'Vay mua giống' },
    });
    expect(loan.errors).toBeUndefined();
    expect(loan.data!.disburseLoan).toMatchObject({ kind: 'LOAN_DISBURSED', amountVnd: 5 * M, borrowerRef: borrower, borrower: { id: borrower } });
    const repaid = await graphql<{ recordRepayment: Record<string, unknown> }>(HOSTS[host](), REPAY, {
      input: { clubId: ids.club, borrowerMemberId: borrower, amountVnd: 2 * M, occurredOn: day, note: 'Trả bớt' },
    });
    expect(repaid.errors).toBeUndefined();
    expect(repaid.data!.recordRepayment).toMatchObject({ kind: 'REPAYMENT', amountVnd: 2 * M, borrower: { id: borrower } });
    // More than this member owes (3 million) is refused, whatever the other member owes.
    const tooMuch = await graphql(HOSTS[host](), REPAY, { input: { clubId: ids.club, borrowerMemberId: borrower, amountVnd: 3 * M + 1, occurredOn: day, note: 'Trả hết' } });
    expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'RULE_VIOLATION', field: 'amountVnd' });
  });

  const refused = [
    { name: 'a member of another club', input: () => ({ borrowerMemberId: ids.neighbour }), code: 'RULE_VIOLATION', field: 'borrowerMemberId' },
    { name: 'no member with this id', input: () => ({ borrowerMemberId: randomUUID() }), code: 'NOT_FOUND', field: 'borrowerMemberId' },
    { name: 'not an id', input: () => ({ borrowerMemberId: 'Lò Thị Lan' }), code: 'BAD_USER_INPUT', field: 'borrowerMemberId' },
    { name: 'both a member and free text', input: () => ({ borrowerMemberId: ids.lan, borrowerRef: 'Lò Thị Lan' }), code: 'BAD_USER_INPUT', field: 'borrowerMemberId' },
    { name: 'no borrower at all', input: () => ({}), code: 'BAD_USER_INPUT', field: 'borrowerMemberId' },
  ];
  const cases = refused.flatMap((refusal) => [DISBURSE, REPAY].map((mutation) => ({ ...refusal, mutation, label: mutation === DISBURSE ? 'disburseLoan' : 'recordRepayment' })));

  it.each(cases)('$label naming $name: $code on $field, nothing written', async ({ mutation, input, code, field }) => {
    const before = await entries();
    const result = await graphql(subgraphUrl('elderly'), mutation, { input: { clubId: ids.club, amountVnd: M, occurredOn: '2020-04-01', note: 'Vay', ...input() } });
    expect(result.errors?.[0].extensions).toMatchObject({ code, field });
    expect(await entries()).toBe(before);
  });

  it('resolves the borrowers of a page of entries in one statement (no N+1)', async () => {
    const requestId = `borrowers-${randomUUID()}`;
    const result = await graphql<{ club: { fundEntries: { edges: { node: { kind: string; borrower: { fullName: string } | null } }[] } } }>(
      subgraphUrl('elderly'),
      `query ($id: ID!) { club(id: $id) { fundEntries(first: 20) { edges { node { kind borrower { fullName } } } } } }`,
      { id: ids.club },
      requestId,
    );
    expect(result.errors).toBeUndefined();
    const names = result.data!.club.fundEntries.edges.map(({ node }) => node.borrower?.fullName ?? null);
    expect(names.filter(Boolean).sort()).toEqual(['Lò Thị Hoa', 'Lò Thị Hoa', 'Lò Thị Lan', 'Lò Thị Lan']);
    // the club, its entries, their total, their borrowers
    expect((await statementsFor(requestId)).elderly).toBe(4);
  });
});

async function entries(): Promise<number> {
  return withDatabase(async (client) => Number((await client.query(`select count(*) from elderly.club_fund_entry where club_id = $1`, [ids.club])).rows[0].count));
}
