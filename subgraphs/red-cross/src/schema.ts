import { buildFederatedSchema } from '@hoi/common/federation';
import { ChapterResolver } from './chapter/chapter.resolver.ts';
import type { RedCrossContext } from './context.ts';
import { ChapterMembershipResolver, MembershipReportResolver } from './membership/membership-report.resolver.ts';

export function buildRedCrossSchema() {
  return buildFederatedSchema(
    { resolvers: [ChapterResolver, ChapterMembershipResolver, MembershipReportResolver] },
    {
      Chapter: {
        __resolveReference: (reference: { id: string }, ctx: RedCrossContext) => ctx.loaders.ChapterByIdLoader.load(reference.id),
      },
    },
  );
}
