/**
 * A request's DataLoaders, each group made the first time one of its loaders is read. A subgraph
 * has some thirty loaders and a request reads a few: making them all for every request was
 * allocation for the garbage collector and nothing else. Each group is made at most once per
 * request, so the loaders a request shares (and their caches) stay one per request, as before.
 */

type Group = (em: never) => object;

type Intersection<U> = (U extends unknown ? (union: U) => void : never) extends (intersection: infer I) => void ? I : never;

export type LoadersOf<Groups extends readonly Group[]> = Intersection<ReturnType<Groups[number]>>;

const EM = Symbol('em');

export function loaderGroups<Groups extends readonly Group[]>(...groups: Groups): (em: Parameters<Groups[number]>[0]) => LoadersOf<Groups> {
  let prototype: object | undefined;
  return (em) => {
    // The loaders' names, learnt once from groups made and dropped.
    prototype ??= prototypeFor(groups as readonly Group[] as readonly ((em: unknown) => object)[], em);
    return Object.create(prototype, { [EM]: { value: em } }) as LoadersOf<Groups>;
  };
}

/** A getter per loader name, which makes the loader's group on this request's loaders object. */
function prototypeFor<Em>(groups: readonly ((em: Em) => object)[], em: Em): object {
  const prototype = {};
  for (const group of groups) {
    for (const name of Object.keys(group(em))) {
      // Spread into one object, a second loader of a name hid the first; here it would depend on the order of reading.
      if (Object.hasOwn(prototype, name)) throw new Error(`two loader groups make ${name}`);
      Object.defineProperty(prototype, name, {
        enumerable: true,
        get(this: { [EM]: Em }) {
          const made = group(this[EM]) as Record<string, unknown>;
          for (const [own, loader] of Object.entries(made)) Object.defineProperty(this, own, { value: loader, enumerable: true });
          return made[name];
        },
      });
    }
  }
  return prototype;
}
