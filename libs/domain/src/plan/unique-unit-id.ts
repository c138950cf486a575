import { slugOf } from './fold-name';

/** A unit id made from a name, not in `taken` (`-2`, `-3`, … appended when needed); added to `taken`. */
export function uniqueUnitId(name: string, taken: Set<string>): string {
  const base = slugOf(name);
  let id = base;
  for (let n = 2; taken.has(id); n++) {
    const suffix = `-${n}`;
    id = `${base.slice(0, 64 - suffix.length).replace(/-+$/, '')}${suffix}`;
  }
  taken.add(id);
  return id;
}
