import type { SubgraphDefinition } from '@hoi/common/service';
import { AdministrativeUnitEntity } from './administrative-unit/administrative-unit.entity.ts';
import { createUnitLoaders, type UnitLoaders } from './administrative-unit/administrative-unit.loaders.ts';
import { Migration20261123000000_reference_units } from './migrations/Migration20261123000000_reference_units.ts';
import { buildPlacesSchema } from './schema.ts';

export const places: SubgraphDefinition<UnitLoaders> = {
  name: 'places',
  schemaName: 'places',
  entities: [AdministrativeUnitEntity],
  migrations: [Migration20261123000000_reference_units],
  buildSchema: buildPlacesSchema,
  createLoaders: createUnitLoaders,
  // Reference data only, loaded by the migration itself.
  loadDemoData: async () => {},
};
