import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PageArgs, readPage } from '@hoi/common/pagination';
import type { RedCrossContext } from '../context.ts';
import { ExecutiveCommittee, InspectionCommittee } from './committee.type.ts';
import { EXECUTIVE_COMMITTEE_ROLES, INSPECTION_COMMITTEE_ROLES, OfficeHolder, OfficeHolderConnection, OfficeRole } from './office-holder.type.ts';
import { TermDocument, TermDocumentKind } from './term-document.type.ts';
import { Term } from './term.type.ts';

const EXECUTIVE_SEATS = { where: 'role = any(?::text[])', params: [EXECUTIVE_COMMITTEE_ROLES] };
const INSPECTION_SEATS = { where: 'role = any(?::text[])', params: [INSPECTION_COMMITTEE_ROLES] };

@Resolver(() => ExecutiveCommittee)
export class ExecutiveCommitteeResolver {
  @FieldResolver(() => Term)
  term(@Root() committee: ExecutiveCommittee, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermByIdLoader.load(committee.termId);
  }

  @FieldResolver(() => OfficeHolderConnection, { description: 'Members (ủy viên): the chair, the vice chairs and the other members, former ones included.' })
  members(@Root() committee: ExecutiveCommittee, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.OfficeHoldersByTermIdLoader.load({ parentId: committee.termId, page: readPage(pageArgs), filter: EXECUTIVE_SEATS });
  }

  @FieldResolver(() => TermDocument, { nullable: true, description: 'Its working regulations (quy chế làm việc của Ban Chấp hành), draft or adopted.' })
  workingRegulations(@Root() committee: ExecutiveCommittee, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermDocumentByTermIdAndKindLoader.load({ termId: committee.termId, kind: TermDocumentKind.EXECUTIVE_COMMITTEE_REGULATIONS });
  }

  @FieldResolver(() => TermDocument, { nullable: true, description: 'Its whole-term work programme (chương trình công tác toàn khóa), draft or adopted.' })
  wholeTermProgramme(@Root() committee: ExecutiveCommittee, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermDocumentByTermIdAndKindLoader.load({ termId: committee.termId, kind: TermDocumentKind.WHOLE_TERM_PROGRAMME });
  }
}

@Resolver(() => InspectionCommittee)
export class InspectionCommitteeResolver {
  @FieldResolver(() => Term)
  term(@Root() committee: InspectionCommittee, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermByIdLoader.load(committee.termId);
  }

  @FieldResolver(() => OfficeHolder, { nullable: true, description: 'Its head (Trưởng Ban Kiểm tra) in office, or at the end of a past term.' })
  chair(@Root() committee: InspectionCommittee, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.CurrentOfficeHolderByTermIdAndRoleLoader.load({ termId: committee.termId, role: OfficeRole.INSPECTION_COMMITTEE_CHAIR });
  }

  @FieldResolver(() => OfficeHolderConnection, { description: 'Members (ủy viên Ban Kiểm tra), its head included, former ones too.' })
  members(@Root() committee: InspectionCommittee, @Args(() => PageArgs) pageArgs: PageArgs, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.OfficeHoldersByTermIdLoader.load({ parentId: committee.termId, page: readPage(pageArgs), filter: INSPECTION_SEATS });
  }

  @FieldResolver(() => TermDocument, { nullable: true, description: 'Its working regulations (quy chế làm việc của Ban Kiểm tra), draft or adopted.' })
  workingRegulations(@Root() committee: InspectionCommittee, @Ctx() ctx: RedCrossContext) {
    return ctx.loaders.TermDocumentByTermIdAndKindLoader.load({ termId: committee.termId, kind: TermDocumentKind.INSPECTION_COMMITTEE_REGULATIONS });
  }
}
