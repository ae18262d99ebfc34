import { createHash } from 'node:crypto';

/**
 * A UUID derived from a slug (name-based, like UUID v5). Demo data in different subgraphs names
 * the same organisation by the same slug, so a cluster can point at a chapter without either
 * subgraph reading the other's tables.
 */
export function stableId(slug: string): string {
  const hex = createHash('sha1').update(`hoi-graph:${slug}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
