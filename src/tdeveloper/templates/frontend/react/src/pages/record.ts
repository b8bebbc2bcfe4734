import { ApiError } from "../api/errors";
import { RESOURCES } from "../api/resources";
import type { EntityMeta, Row } from "../lib/meta";

/** The record a page's `:id` names; an id that cannot exist is as missing as a deleted row. */
export function loadRecord(entity: EntityMeta, param: string | undefined): Promise<Row> {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id <= 0) return Promise.reject(new ApiError(404, "Not found"));
  return RESOURCES[entity.name].get(id);
}
