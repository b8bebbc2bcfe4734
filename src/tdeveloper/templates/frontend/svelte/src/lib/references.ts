/** The rows that reference and many-to-many fields point at: choices in forms, names in lists. */
import { referenceOptions, type Option } from "../api/options";
import { entityNamed } from "../entities";
import type { Lookup } from "./format";
import type { EntityMeta } from "./meta";

/** The options of each entity that `entity`'s fields point at, by entity name. */
export type Choices = Readonly<Record<string, readonly Option[]>>;

export async function referenceChoices(entity: EntityMeta): Promise<Choices> {
  const targets = [...new Set(entity.fields.flatMap((f) => (f.target ? [f.target] : [])))];
  const loaded = await Promise.all(
    // A target that cannot be listed (say, not allowed) leaves its ids shown as "#id".
    targets.map(async (name) => [name, await referenceOptions(entityNamed(name)).catch(() => [])] as const),
  );
  return Object.fromEntries(loaded);
}

export function lookupIn(choices: Choices): Lookup {
  return (target, id) => choices[target]?.find((option) => option.value === String(id))?.label;
}
