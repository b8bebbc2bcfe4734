import { type FormEvent, useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { nextPath, session } from "../account";
import { TextField } from "../components/TextField";
import { asError } from "../hooks/useAsync";
import { useSignedIn } from "../hooks/useSignedIn";

/** Sign in, then go where the user was going (`?next=`). */
export function LoginPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = nextPath(params);

  if (signedIn && !busy) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await session().signIn(email, password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(asError(err).message);
      setBusy(false);
    }
  };

  return (
    <article className="narrow">
      <h1>Sign in</h1>
      <form noValidate onSubmit={submit}>
        <TextField name="email" label="Email" type="email" autoComplete="username" value={email} onChange={setEmail} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy} aria-busy={busy}>
          Sign in
        </button>
      </form>
      <p>
        No account yet? <Link to={`/register${params.size ? `?${params}` : ""}`}>Create an account</Link>
      </p>
    </article>
  );
}
