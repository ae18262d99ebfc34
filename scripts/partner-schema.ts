import { mapSchema, MapperKind, pruneSchema } from '@graphql-tools/utils';
import { GraphQLSchema, printSchema, specifiedDirectives } from 'graphql';
import { fieldRefusal } from '@hoi/common/access';
import type { Caller } from '@hoi/common/identity';

/**
 * What a partner may query on one subgraph, called directly: its schema less every field the
 * access rules (`fieldRefusal`, the rule the subgraph enforces) refuse a partner of that subgraph —
 * mutations, individual records, `_entities`/`_service` — then less what no kept field reaches
 * (`_Any`, `_Entity`, `_Service`, the record types) and the federation directives.
 */
export function partnerSchema(schema: GraphQLSchema, subgraph: string): GraphQLSchema {
  const partner: Caller = { role: 'partner', scopeIds: [], subject: 'partner', subgraph };
  const allowed = mapSchema(schema, {
    [MapperKind.COMPOSITE_FIELD]: (field, fieldName, typeName) => (fieldRefusal(schema, typeName, fieldName, partner, { subgraph }, false) ? null : field),
  });
  return pruneSchema(new GraphQLSchema({ ...allowed.toConfig(), directives: specifiedDirectives }));
}

/** The partner schema as committed in `schema/partners/<subgraph>.graphql`, headed by what it is. */
export const printPartnerSchema = (schema: GraphQLSchema, subgraph: string) =>
  `# What a partner token for the ${subgraph} subgraph may query there, called directly (README: "For partner organisations").\n` +
  `# Written by \`npm run compose\` from the access rules the subgraph enforces; a field refused only for some arguments says so in its description.\n\n` +
  `${printSchema(partnerSchema(schema, subgraph)).trim()}\n`;
