/**
 * The input of one field, chosen by its kind (see FieldKind), with its label and the error the
 * server (or toPayload) reported for it. Values are what src/lib/form.ts expects: text, a
 * boolean for a checkbox, a list of ids for a many-to-many select.
 */
import type { ChangeEvent } from "react";
import type { Option } from "../api/options";
import type { FormValue } from "../lib/form";
import type { FieldMeta } from "../lib/meta";
import { FieldError, invalidProps } from "./FieldError";

interface Props {
  field: FieldMeta;
  value: FormValue;
  error: string | undefined;
  /** The target's rows, for reference and many-to-many fields (undefined while loading). */
  options: readonly Option[] | undefined;
  onChange(value: FormValue): void;
}

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const INPUT_TYPES: Partial<Record<FieldMeta["kind"], string>> = {
  integer: "number",
  decimal: "number",
  float: "number",
  date: "date",
  datetime: "datetime-local",
  time: "time",
  email: "email",
  url: "url",
};
const STEPS: Partial<Record<FieldMeta["kind"], string>> = { integer: "1", decimal: "0.01", float: "any" };

export function FieldInput({ field, value, error, options, onChange }: Props) {
  const id = `field-${field.name}`;
  const common = { id, name: field.name, required: field.required, ...invalidProps(field.name, error) };
  const label = <label htmlFor={id}>{field.label}</label>;
  const text = (event: ChangeEvent<Control>) => onChange(event.target.value);

  if (field.kind === "boolean") {
    return (
      <div className="check">
        <input type="checkbox" {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />{" "}
        {label}
        <FieldError name={field.name} message={error} />
      </div>
    );
  }

  let control;
  if (field.kind === "textarea" || field.kind === "json") {
    control = <textarea {...common} rows={4} maxLength={field.maxLength} value={String(value)} onChange={text} />;
  } else if (field.kind === "enum") {
    control = (
      <select {...common} value={String(value)} onChange={text}>
        {!field.required && <option value="">—</option>}
        {(field.options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "reference") {
    control = (
      <select {...common} value={String(value)} onChange={text}>
        <option value="">—</option>
        {choices(options, value).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === "multi") {
    const chosen = (event: ChangeEvent<HTMLSelectElement>) =>
      onChange(Array.from(event.target.selectedOptions, (o) => o.value));
    control = (
      <select {...common} multiple value={value as string[]} onChange={chosen}>
        {choices(options, value).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type={INPUT_TYPES[field.kind] ?? "text"}
        step={STEPS[field.kind]}
        min={field.min}
        max={field.max}
        maxLength={field.maxLength}
        value={String(value)}
        onChange={text}
      />
    );
  }
  return (
    <>
      {label}
      {control}
      {field.kind === "datetime" && <small className="hint">In UTC</small>}
      {field.kind === "multi" && <small className="hint">Ctrl-click (⌘-click on a Mac) to choose several</small>}
      <FieldError name={field.name} message={error} />
    </>
  );
}

/** The target's rows, plus any id the record holds that they do not include (shown as #id). */
function choices(options: readonly Option[] | undefined, value: FormValue): Option[] {
  const offered = [...(options ?? [])];
  const held = Array.isArray(value) ? value : value ? [String(value)] : [];
  for (const id of held) {
    if (!offered.some((o) => o.value === id)) offered.push({ value: id, label: `#${id}` });
  }
  return offered;
}
