import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import type { Caller } from '@hoi/common/identity';
import { insertMissing, sql } from '@hoi/common/orm';
import { PeriodType, resolvePeriod } from '@hoi/common/period';
import { approvePeriodReport, submitPeriodReport } from '@hoi/common/period-report';
import { LAI_CHAU, laiChauClubSlug } from '../demo/lai-chau-2019.demo.ts';
import { THAI_NGUYEN, THAI_NGUYEN_DISTRICTS } from '../demo/thai-nguyen-2023.demo.ts';
import { elderlyReports, organisationFigures } from './elderly-period-report.plug.ts';
import { ElderlyReportKind } from './elderly-period-report.type.ts';

/**
 * The Lai Châu Elderly Association's report for the first half of 2019 (article 002), through the
 * reporting cycle as its officers would take it: each of the 18 clubs' managers submits the club's
 * report and the province's officer approves it; the province's officer submits the province's
 * report and the national level approves it, freezing the article's figures (1,071 new members,
 * 18 clubs, 796 members, funds of 977 million VND) as version 1 and locking the half-year.
 * Loaded once: an approved report is left as it is.
 */
export const LAI_CHAU_H1_2019 = resolvePeriod({ type: PeriodType.HALF_YEAR, year: 2019, index: 1 });
const CLUBS = 18;

const caller = (role: Caller['role'], scope: string[], subject: string): Caller => ({ role, scopeIds: scope, subject, subgraph: null });

export async function loadElderlyPeriodReportDemoData(em: EntityManager): Promise<void> {
  await loadLaiChauReport(em);
  await loadThaiNguyenReport(em);
}

async function loadLaiChauReport(em: EntityManager): Promise<void> {
  const province = stableId(LAI_CHAU);
  await em.transactional(async (tx) => {
    const [done] = await sql(tx, `select 1 from elderly.period_report where organisation_id = ? and period_type = ? and period_start = ? and state = 'APPROVED'`, [
      province, LAI_CHAU_H1_2019.type, LAI_CHAU_H1_2019.start,
    ]);
    if (done) return;
    const officer = caller('association_officer', [province], 'demo:lai-chau:officer');
    const report = (organisationId: string, by: Caller) =>
      submitPeriodReport(tx, elderlyReports, by, { organisationId, kind: ElderlyReportKind.ACTIVITIES, period: LAI_CHAU_H1_2019, field: 'organisationId' });
    for (let number = 1; number <= CLUBS; number++) {
      const club = stableId(laiChauClubSlug(number));
      const submitted = await report(club, caller('club_manager', [club], `demo:lai-chau:club:${number}`));
      await approvePeriodReport(tx, elderlyReports, officer, submitted.id, false);
    }
    const submitted = await report(province, officer);
    await approvePeriodReport(tx, elderlyReports, caller('national_admin', [], 'demo:national'), submitted.id, false);
    // The article gives no dates: sent within the 20 days after the half-year, as reported at the time.
    await sql(tx, `update elderly.period_report set submitted_at = '2019-07-10T02:00:00Z' where period_type = ? and period_start = ? and organisation_id in (?)`, [
      LAI_CHAU_H1_2019.type, LAI_CHAU_H1_2019.start, [province, ...Array.from({ length: CLUBS }, (_, index) => stableId(laiChauClubSlug(index + 1)))],
    ]);
  });
}

/**
 * Thái Nguyên's report for 2023 (article 004). Its 192 clubs' reports are loaded approved, each by
 * the officer of the unit running it (a district's, or the province's for the 9 clubs without a
 * locality), with the figures the approval statement computes for them, in one statement for all:
 * taking 192 clubs through the cycle one by one would add seconds to every start. The 8
 * districts' reports then go through the cycle (submitted by their officers, approved by the
 * province's, which checks every club first), and the province's, approved by the national level,
 * freezes the article's 192 clubs and 8,325 members as version 1. Submitted in the first days of
 * January 2024 (the article gives no dates; within the 30 days after the year).
 */
export const THAI_NGUYEN_2023 = resolvePeriod({ type: PeriodType.YEAR, year: 2023 });

async function loadThaiNguyenReport(em: EntityManager): Promise<void> {
  const province = stableId(THAI_NGUYEN);
  await em.transactional(async (tx) => {
    const [done] = await sql(tx, `select 1 from elderly.period_report where organisation_id = ? and period_type = ? and period_start = ? and state = 'APPROVED'`, [
      province, THAI_NGUYEN_2023.type, THAI_NGUYEN_2023.start,
    ]);
    if (done) return;
    const districts = THAI_NGUYEN_DISTRICTS.map((slug) => stableId(slug));
    const clubs = await sql<{ id: string; associationId: string }>(tx, `select id, association_id as "associationId" from elderly.club where association_id in (?) order by id`, [
      [province, ...districts],
    ]);
    const clubReport = (clubId: string) => stableId(`${THAI_NGUYEN}:club-report:${clubId}:${THAI_NGUYEN_2023.type}:${THAI_NGUYEN_2023.start}`);
    const officerOf = (unit: string) => `demo:thai-nguyen:officer:${unit}`;
    await insertMissing(tx, 'elderly.period_report', clubs.map((club) => ({
      id: clubReport(club.id),
      organisation_id: club.id,
      kind: ElderlyReportKind.ACTIVITIES,
      period_type: THAI_NGUYEN_2023.type,
      period_start: THAI_NGUYEN_2023.start,
      period_end: THAI_NGUYEN_2023.end,
      state: 'APPROVED',
      version: 1,
      missing_children: [],
      changed_at: '2024-01-15T03:00:00Z',
      changed_by: officerOf(club.associationId),
      submitted_at: '2024-01-08T02:00:00Z',
    })));
    const figures = await organisationFigures(tx, clubs.map((club) => ({ organisationId: club.id, period: THAI_NGUYEN_2023 })));
    await insertMissing(tx, 'elderly.period_report_snapshot', clubs.map((club, index) => ({
      report_id: clubReport(club.id),
      version: 1,
      figures: figures[index],
      missing_children: [],
      approved_at: '2024-01-15T03:00:00Z',
      approved_by: officerOf(club.associationId),
    })));
    const report = (organisationId: string) =>
      submitPeriodReport(tx, elderlyReports, caller('association_officer', [organisationId], officerOf(organisationId)), {
        organisationId, kind: ElderlyReportKind.ACTIVITIES, period: THAI_NGUYEN_2023, field: 'organisationId',
      });
    for (const district of districts) {
      const submitted = await report(district);
      await approvePeriodReport(tx, elderlyReports, caller('association_officer', [province], officerOf(province)), submitted.id, false);
    }
    const submitted = await report(province);
    await approvePeriodReport(tx, elderlyReports, caller('national_admin', [], 'demo:national'), submitted.id, false);
    await sql(tx, `update elderly.period_report set submitted_at = case when organisation_id = ? then '2024-01-20T02:00:00Z'::timestamptz else '2024-01-10T02:00:00Z'::timestamptz end
                    where period_type = ? and period_start = ? and organisation_id in (?)`, [
      province, THAI_NGUYEN_2023.type, THAI_NGUYEN_2023.start, [province, ...districts],
    ]);
  });
}
