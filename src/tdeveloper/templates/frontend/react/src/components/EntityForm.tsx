/**
 * The inputs of every field of an entity. The server validates: its 422 messages appear at their
 * fields, other refusals (a 409 conflict, a network failure) above the buttons. Only values that
 * cannot be sent at all (see toPayload) are stopped here.
 */
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { ApiError, type FieldErrors } from "../api/errors";
import { RESOURCES } from "../api/resources";
import { asError } from "../hooks/useAsync";
import { useReferences } from "../hooks/useReferences";
import { emptyValues, type FormValue, type FormValues, toFormValues, toPayload } from "../lib/form";
import type { EntityMeta, Row } from "../lib/meta";
import { FieldInput } from "./FieldInput";

interface Props {
  entity: EntityMeta;
  /** The record being edited; null for a new one. */
  row: Row | null;
  onSaved(row: Row): void;
  cancel: ReactNode;
}

export function EntityForm({ entity, row, onSaved, cancel }: Props) {
  const [values, setValues] = useState<FormValues>(() => (row ? toFormValues(entity, row) : initialValues(entity)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { options } = useReferences(entity.fields);
  const form = useRef<HTMLFormElement>(null);

  // After a refused save, the first field to correct takes the focus (and scrolls into view).
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const change = (name: string, value: FormValue) => setValues((current) => ({ ...current, [name]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { payload, errors: invalid } = toPayload(entity, values, row ? "update" : "create");
    setErrors(invalid);
    setFormError(null);
    if (Object.keys(invalid).length) return;
    setSaving(true);
    try {
      const api = RESOURCES[entity.name];
      onSaved(await (row ? api.update(row.id, payload) : api.create(payload)));
    } catch (error) {
      const { fields, general } = splitErrors(entity, error);
      setErrors(fields);
      setFormError(general);
      setSaving(false);
    }
  };

  return (
    <form ref={form} noValidate onSubmit={submit}>
      {entity.fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          value={values[field.name]}
          error={errors[field.name]}
          options={field.target ? options[field.target] : undefined}
          onChange={(value) => change(field.name, value)}
        />
      ))}
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={saving} aria-busy={saving}>
          Save
        </button>
        {cancel}
      </div>
    </form>
  );
}

/** A new record's values: blank, except that a required choice starts at its first option. */
function initialValues(entity: EntityMeta): FormValues {
  const values = emptyValues(entity);
  for (const field of entity.fields) {
    if (field.kind === "enum" && field.required && field.options?.length) values[field.name] = field.options[0];
  }
  return values;
}

/** The messages shown at inputs, and the rest (conflicts, unreachable server, unknown fields). */
function splitErrors(entity: EntityMeta, error: unknown): { fields: FieldErrors; general: string } {
  if (!(error instanceof ApiError)) return { fields: {}, general: asError(error).message };
  const fields: FieldErrors = {};
  const others: string[] = [];
  for (const [name, message] of Object.entries(error.fields)) {
    if (entity.fields.some((f) => f.name === name)) fields[name] = message;
    else others.push(`${name}: ${message}`);
  }
  return { fields, general: [error.message, ...others].join(". ") };
}
