/** Choices for reference and many-to-many inputs: rows of the referenced entity. */
import { displayRow } from "../lib/format";
import type { EntityMeta } from "../lib/meta";
import { RESOURCES } from "./resources";

export interface Option {
  value: string;
  label: string;
}

/** The API's largest page; a select offers the first rows of the target in id order. */
export const MAX_OPTIONS = 100;

export async function referenceOptions(target: EntityMeta): Promise<Option[]> {
  const page = await RESOURCES[target.name].list({ limit: MAX_OPTIONS, offset: 0 });
  return page.items.map((row) => ({ value: String(row.id), label: displayRow(target, row) }));
}
