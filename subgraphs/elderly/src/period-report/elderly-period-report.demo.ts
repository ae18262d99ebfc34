import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '@hoi/common/ids';
import type { Caller } from '@hoi/common/identity';
import { sql } from '@hoi/common/orm';
import { PeriodType, resolvePeriod } from '@hoi/common/period';
import { approvePeriodReport, submitPeriodReport } from '@hoi/common/period-report';
import { LAI_CHAU, laiChauClubSlug } from '../demo/lai-chau-2019.demo.ts';
import { elderlyReports } from './elderly-period-report.plug.ts';
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
  });
}
