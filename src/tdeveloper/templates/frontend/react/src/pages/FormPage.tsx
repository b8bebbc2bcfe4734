/** Create (`/<path>/new`) and edit (`/<path>/:id/edit`): one form, filled from the record when editing. */
import { Link, useNavigate, useParams } from "react-router";
import { EntityForm } from "../components/EntityForm";
import { useAsync } from "../hooks/useAsync";
import { displayRow } from "../lib/format";
import type { EntityMeta, Row } from "../lib/meta";
import { Missing } from "./DetailPage";
import { loadRecord } from "./record";

export function FormPage({ entity }: { entity: EntityMeta }) {
  const { id } = useParams();
  const navigate = useNavigate();
  const editing = id !== undefined;
  const record = useAsync(() => (editing ? loadRecord(entity, id) : Promise.resolve(null)), [entity, id]);
  const saved = (row: Row) => navigate(`/${entity.path}/${row.id}`);

  if (record.error) return <Missing entity={entity} error={record.error} />;
  if (record.data === undefined) return <p aria-busy="true">Loading…</p>;

  const row = record.data;
  return (
    <>
      <h1>{row ? `Edit ${displayRow(entity, row)}` : `New ${entity.label}`}</h1>
      <EntityForm
        entity={entity}
        row={row}
        onSaved={saved}
        cancel={<Link to={row ? `/${entity.path}/${row.id}` : `/${entity.path}`}>Cancel</Link>}
      />
    </>
  );
}
