import { useEffect, useRef, useState } from 'preact/hooks';
import type { LoginRequest } from '../api/types';
import { loginErrorMessage, missingFields, type LoginFields } from './loginErrors';
import { loadDomain, saveDomain } from './rememberedDomain';

interface Props {
  /** Resolves on success (the app then leaves this page); rejects with ApiError / NetworkError. */
  onLogin: (req: LoginRequest) => Promise<void>;
  /** Shown above the form, e.g. "You were logged out." */
  notice: string | null;
}

const FIELD_LABEL: Record<keyof LoginFields, string> = {
  username: 'Username',
  password: 'Password',
  domain: 'Domain',
};

export function LoginPage({ onLogin, notice }: Props) {
  const [fields, setFields] = useState<LoginFields>(() => ({ username: '', password: '', domain: loadDomain() }));
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<(keyof LoginFields)[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const domainRef = useRef<HTMLInputElement>(null);
  const refs = { username: usernameRef, password: passwordRef, domain: domainRef };

  useEffect(() => {
    usernameRef.current?.focus();
  }, []);

  const set = (k: keyof LoginFields) => (e: Event) => {
    const value = (e.currentTarget as HTMLInputElement).value;
    setFields((f) => ({ ...f, [k]: value }));
  };

  async function submit(e: Event) {
    e.preventDefault();
    if (submitting) return;
    const missing = missingFields(fields);
    setInvalid(missing);
    if (missing.length > 0) {
      setError(`Please enter your ${missing.map((k) => FIELD_LABEL[k].toLowerCase()).join(', ')}.`);
      refs[missing[0]!].current?.focus();
      return;
    }
    setError(null);
    setSubmitting(true);
    const req = { username: fields.username.trim(), password: fields.password, domain: fields.domain.trim() };
    try {
      await onLogin(req);
      saveDomain(req.domain);
    } catch (err) {
      setError(loginErrorMessage(err));
      setFields((f) => ({ ...f, password: '' }));
      setSubmitting(false);
      passwordRef.current?.focus();
    }
  }

  const field = (k: keyof LoginFields, type: string, autocomplete: string) => (
    <div class="field">
      <label for={`login-${k}`}>{FIELD_LABEL[k]}</label>
      <input
        id={`login-${k}`}
        ref={refs[k]}
        name={k}
        type={type}
        autocomplete={autocomplete}
        autocapitalize="off"
        spellcheck={false}
        value={fields[k]}
        onInput={set(k)}
        aria-required="true"
        aria-invalid={invalid.includes(k) ? 'true' : undefined}
        aria-describedby={error ? 'login-error' : undefined}
      />
    </div>
  );

  return (
    <main class="login-page">
      <form class="card login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <h1 id="login-title">Sign in</h1>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {field('username', 'text', 'username')}
        {field('password', 'password', 'current-password')}
        {field('domain', 'text', 'organization')}
        <div id="login-error" class="error" role="alert">
          {error}
        </div>
        <button type="submit" class="primary" disabled={submitting} aria-busy={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
