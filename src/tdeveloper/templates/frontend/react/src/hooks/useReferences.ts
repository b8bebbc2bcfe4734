import { useCallback, useEffect, useState } from "react";
import { type Option, referenceOptions } from "../api/options";
import { entityNamed } from "../entities";
import type { Lookup } from "../lib/format";
import type { FieldMeta } from "../lib/meta";

export interface References {
  /** The rows each target entity offers, by entity name, once loaded. */
  options: Readonly<Record<string, Option[]>>;
  /** Names a referenced row, when its target's rows are loaded. */
  lookup: Lookup;
}

/** The rows that the reference and many-to-many fields among `fields` point at. */
export function useReferences(fields: readonly FieldMeta[]): References {
  const key = [...new Set(fields.flatMap((f) => (f.target ? [f.target] : [])))].join(",");
  const [options, setOptions] = useState<Record<string, Option[]>>({});

  useEffect(() => {
    let current = true;
    for (const target of key ? key.split(",") : []) {
      referenceOptions(entityNamed(target)).then(
        (found) => current && setOptions((known) => ({ ...known, [target]: found })),
        // Not fatal: cells then read "#id" and a select offers what the row already holds.
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [key]);

  const lookup = useCallback<Lookup>(
    (target, id) => options[target]?.find((o) => o.value === String(id))?.label,
    [options],
  );
  return { options, lookup };
}
