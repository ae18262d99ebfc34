import { buildFederatedSchema } from '@hoi/common/federation';
import type { RequestContext } from '@hoi/common/context';
import { ChapterResolver } from './chapter/chapter.resolver.ts';
import type { ChapterLoaders } from './chapter/chapter.loaders.ts';

export function buildRedCrossSchema() {
  return buildFederatedSchema(
    { resolvers: [ChapterResolver] },
    {
      Chapter: {
        __resolveReference: (reference: { id: string }, ctx: RequestContext<ChapterLoaders>) => ctx.loaders.ChapterByIdLoader.load(reference.id),
      },
    },
  );
}
