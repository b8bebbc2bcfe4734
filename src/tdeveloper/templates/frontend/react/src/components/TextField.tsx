import { FieldError, invalidProps } from "./FieldError";

interface Props {
  name: string;
  label: string;
  type: "text" | "email" | "password";
  value: string;
  error?: string;
  autoComplete: string;
  onChange(value: string): void;
}

/** A labelled input of the sign-in pages, with the same error markup as the entity forms. */
export function TextField({ name, label, type, value, error, autoComplete, onChange }: Props) {
  const id = `field-${name}`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        autoComplete={autoComplete}
        onChange={(event) => onChange(event.target.value)}
        {...invalidProps(name, error)}
      />
      <FieldError name={name} message={error} />
    </>
  );
}
