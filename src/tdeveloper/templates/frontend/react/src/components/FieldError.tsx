/** A field's message, tied to its input by id (the input's aria-describedby). */
export function FieldError({ name, message }: { name: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <small className="field-error" data-field-error={name} id={`field-${name}-error`}>
      {message}
    </small>
  );
}

/** The attributes that mark an input invalid and point at its message. */
export function invalidProps(name: string, message: string | undefined) {
  return message ? { "aria-invalid": true, "aria-describedby": `field-${name}-error` } : {};
}
