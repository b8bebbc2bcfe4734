import { type FormEvent, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { nextPath, session } from "../account";
import { ApiError, type FieldErrors } from "../api/errors";
import { TextField } from "../components/TextField";
import { asError } from "../hooks/useAsync";
import { useSignedIn } from "../hooks/useSignedIn";

/** Create an account (which signs in), then go where the user was going (`?next=`). */
export function RegisterPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = nextPath(params);

  if (signedIn && !busy) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await session().register(name, email, password);
      navigate(next, { replace: true });
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields : {};
      setErrors(fields);
      if (!Object.keys(fields).length) setError(asError(err).message);
      setBusy(false);
    }
  };

  return (
    <article className="narrow">
      <h1>Create an account</h1>
      <form noValidate onSubmit={submit}>
        <TextField name="name" label="Name" type="text" autoComplete="name" value={name} error={errors.name} onChange={setName} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          value={email}
          error={errors.email}
          onChange={setEmail}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={password}
          error={errors.password}
          onChange={setPassword}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          Create account
        </button>
      </form>
      <p>
        Have an account? <Link to={`/login${params.size ? `?${params}` : ""}`}>Sign in</Link>
      </p>
    </article>
  );
}
