import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { withDatabase } from './database.ts';
import { gatewayUrl, graphql, subgraphUrl } from './graphql.ts';

/** A member whose every sensitive value is unlike anything else in the run's log. */
const PERSON = { fullName: 'Lò Thị Nhật Ký Lỗi', birthDate: '1931-02-17', ethnicGroup: 'Pà Thẻn Ghi Log', povertyStatus: 'NEAR_POOR', sex: 'FEMALE', joinedOn: '2024-03-03' };
/** Each sensitive value, in the forms a log could carry it. */
const SENSITIVE = ['1931-02-17', '1931-02-16', '17/02/1931', 'Pà Thẻn Ghi Log', 'Pa Then Ghi Log', PERSON.fullName];
const ADD = `mutation ($input: ClubMemberInput!) { addClubMember(input: $input) { id } }`;

const logSince = (offset: number) => readFileSync(inject('logFile'), 'utf8').slice(offset);

describe('logs never carry a person\'s sensitive fields', () => {
  it.each([
    ['the elderly subgraph', () => subgraphUrl('elderly')],
    ['the gateway', gatewayUrl],
  ])('a member write that the database refuses, through %s, logs the failure without the row', async (_path, url) => {
    // A constraint only this test's member breaks, so the write really reaches PostgreSQL and fails there.
    const constraint = `log_test_${randomUUID().slice(0, 8)}`;
    const clubId = await withDatabase(async (client) => {
      await client.query(`alter table elderly.club_member add constraint ${constraint} check (full_name <> '${PERSON.fullName}') not valid`);
      // A club whose joining day no approved report locks (other test files approve periods meanwhile).
      return (await client.query<{ id: string }>(
        `select c.id from elderly.club c
          where not exists (
            with recursive up (id) as (select c.association_id union all select a.parent_id from up join elderly.association a on a.id = up.id where a.parent_id is not null)
            select 1 from elderly.period_report r
             where r.state = 'APPROVED' and r.period_end >= $1::date and (r.organisation_id = c.id or r.organisation_id in (select id from up)))
          order by c.id limit 1`,
        [PERSON.joinedOn],
      )).rows[0].id;
    });
    try {
      const offset = statSync(inject('logFile')).size;
      const requestId = `sensitive-log-${randomUUID()}`;
      const result = await graphql(url(), ADD, { input: { clubId, ...PERSON } }, requestId);
      expect(result.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(result)).not.toContain(PERSON.birthDate);

      const lines = logSince(offset).split('\n').filter(Boolean);
      const ours = lines.filter((line) => line.includes(requestId)).map((line) => JSON.parse(line) as Record<string, unknown>);
      // The failure is logged, with what an operator needs: the request id, the SQLSTATE and the constraint.
      const failure = ours.find((line) => line.msg === 'unexpected error' && line.service === 'elderly');
      expect(failure, lines.join('\n')).toMatchObject({ err: { sqlState: '23514', constraint } });
      for (const value of SENSITIVE) expect(lines.filter((line) => line.includes(value)), value).toEqual([]);
      expect(ours.filter((line) => JSON.stringify(line).includes(PERSON.povertyStatus))).toEqual([]);
    } finally {
      await withDatabase((client) => client.query(`alter table elderly.club_member drop constraint ${constraint}`));
    }
  });
});
