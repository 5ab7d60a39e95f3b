import { useEffect, useRef, useState } from 'preact/hooks';
import { passwordChangeError, passwordChangeProblems, type PasswordChangeFields } from './passwordChange';

interface Props {
  displayName: string;
  /** Resolves once changed (the app then shows the user's page); rejects with ApiError / NetworkError. */
  onChange: (current: string, next: string) => Promise<void>;
  onLogout: () => Promise<void>;
}

const LABELS: Record<keyof PasswordChangeFields, string> = {
  current: 'Current password',
  next: 'New password',
  repeat: 'Repeat the new password',
};
const AUTOCOMPLETE: Record<keyof PasswordChangeFields, string> = {
  current: 'current-password',
  next: 'new-password',
  repeat: 'new-password',
};

/** The forced password change at the first sign-in: nothing else of the app opens before it is done. */
export function PasswordChangePage({ displayName, onChange, onLogout }: Props) {
  const [fields, setFields] = useState<PasswordChangeFields>({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof PasswordChangeFields, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(e: Event) {
    e.preventDefault();
    if (submitting) return;
    const found = passwordChangeProblems(fields);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    setSubmitting(true);
    try {
      await onChange(fields.current, fields.next);
    } catch (err) {
      const { field, message } = passwordChangeError(err);
      if (field) setErrors({ [field]: message });
      else setProblem(message);
      setSubmitting(false);
    }
  }

  const field = (k: keyof PasswordChangeFields) => (
    <div class="field" key={k}>
      <label for={`pwchange-${k}`}>{LABELS[k]}</label>
      <input
        id={`pwchange-${k}`}
        ref={k === 'current' ? first : undefined}
        type="password"
        autocomplete={AUTOCOMPLETE[k]}
        value={fields[k]}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setFields((f) => ({ ...f, [k]: value }));
        }}
        aria-invalid={errors[k] ? 'true' : undefined}
        aria-describedby={errors[k] ? `pwchange-${k}-error` : undefined}
      />
      {errors[k] && (
        <p id={`pwchange-${k}-error`} class="error">
          {errors[k]}
        </p>
      )}
    </div>
  );

  return (
    <main class="login-page">
      <form class="card login-card" onSubmit={submit} noValidate aria-labelledby="pwchange-title">
        <h1 id="pwchange-title">Choose your password</h1>
        <p class="notice">{displayName}, your administrator asks you to choose a new password before you continue.</p>
        {field('current')}
        {field('next')}
        {field('repeat')}
        <div class="error" role="alert">
          {problem}
        </div>
        <button type="submit" class="primary" disabled={submitting} aria-busy={submitting}>
          {submitting ? 'Saving…' : 'Save and continue'}
        </button>
        <button type="button" onClick={() => void onLogout()}>
          Sign out
        </button>
      </form>
    </main>
  );
}
