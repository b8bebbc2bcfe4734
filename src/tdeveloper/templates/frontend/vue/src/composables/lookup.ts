/**
 * The rows that an entity's reference and many-to-many fields point at, loaded once per
 * page: selects offer them, and lists and detail pages show their names instead of "#id".
 */
import { reactive } from "vue";
import { referenceOptions, type Option } from "../api/options";
import { entityNamed } from "../entities";
import type { Lookup } from "../lib/format";
import type { EntityMeta } from "../lib/meta";

export interface References {
  /** Choices by target entity name (absent until loaded). */
  options: Record<string, Option[]>;
  lookup: Lookup;
}

export function targetsOf(entity: EntityMeta): string[] {
  return [...new Set(entity.fields.flatMap((f) => (f.target ? [f.target] : [])))];
}

export function useReferences(entity: EntityMeta): References {
  const options = reactive<Record<string, Option[]>>({});
  for (const target of targetsOf(entity)) {
    // A target that fails to load leaves "#id" names and empty choices; the page still works.
    referenceOptions(entityNamed(target)).then(
      (loaded) => (options[target] = loaded),
      () => (options[target] = []),
    );
  }
  const lookup: Lookup = (target, id) => options[target]?.find((o) => o.value === String(id))?.label;
  return { options, lookup };
}
