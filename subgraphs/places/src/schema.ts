import { buildFederatedSchema } from '@hoi/common/federation';
import type { RequestContext } from '@hoi/common/context';
import { AdministrativeUnitResolver } from './administrative-unit/administrative-unit.resolver.ts';
import type { UnitLoaders } from './administrative-unit/administrative-unit.loaders.ts';

export function buildPlacesSchema() {
  return buildFederatedSchema(
    { resolvers: [AdministrativeUnitResolver] },
    {
      AdministrativeUnit: {
        __resolveReference: (reference: { id: string }, ctx: RequestContext<UnitLoaders>) =>
          ctx.loaders.AdministrativeUnitByIdLoader.load(reference.id),
      },
    },
  );
}
