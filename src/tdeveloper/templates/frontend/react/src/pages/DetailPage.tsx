/** One record: every field, a link to edit it, and deletion after a confirmation. */
import { Fragment, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../api/errors";
import { RESOURCES } from "../api/resources";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { asError, useAsync } from "../hooks/useAsync";
import { useReferences } from "../hooks/useReferences";
import { displayRow, formatValue } from "../lib/format";
import type { EntityMeta } from "../lib/meta";
import { loadRecord } from "./record";

export function DetailPage({ entity }: { entity: EntityMeta }) {
  const { id } = useParams();
  const record = useAsync(() => loadRecord(entity, id), [entity, id]);
  const { lookup } = useReferences(entity.fields);
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const row = record.data;
  if (record.error) return <Missing entity={entity} error={record.error} />;
  if (!row) return <p aria-busy="true">Loading…</p>;

  const remove = async () => {
    setConfirming(false);
    setDeleting(true);
    setFailure(null);
    try {
      await RESOURCES[entity.name].remove(row.id);
      navigate(`/${entity.path}`);
    } catch (error) {
      setFailure(asError(error).message);
      setDeleting(false);
    }
  };

  return (
    <>
      <h1>{displayRow(entity, row)}</h1>
      {failure && (
        <p className="form-error" role="alert">
          Could not delete: {failure}
        </p>
      )}
      <dl className="record">
        {entity.fields.map((field) => (
          <Fragment key={field.name}>
            <dt>{field.label}</dt>
            <dd>{formatValue(field, row[field.name], lookup)}</dd>
          </Fragment>
        ))}
      </dl>
      <div className="actions">
        <Link to={`/${entity.path}/${row.id}/edit`} className="button-link">
          Edit
        </Link>
        <button type="button" className="secondary outline" disabled={deleting} onClick={() => setConfirming(true)}>
          Delete
        </button>
        <Link to={`/${entity.path}`}>Back to {entity.plural}</Link>
      </div>
      {confirming && (
        <ConfirmDialog
          message={`Delete ${displayRow(entity, row)}?`}
          confirm="Delete"
          onConfirm={remove}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}

/** A record that could not be loaded: gone (404), or the server failed. */
export function Missing({ entity, error }: { entity: EntityMeta; error: Error }) {
  const gone = error instanceof ApiError && error.status === 404;
  return (
    <>
      <h1>{entity.label}</h1>
      <p role="alert">{gone ? `This ${entity.label} does not exist (it may have been deleted).` : error.message}</p>
      <Link to={`/${entity.path}`}>Back to {entity.plural}</Link>
    </>
  );
}
