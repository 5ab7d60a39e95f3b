import type { ComponentChildren } from 'preact';
import type { FieldMessages } from '../adminErrors';

let seq = 0;
/** A page-unique id prefix for one form's labels. */
export const nextFormId = (name: string) => `${name}-${++seq}`;

interface TextProps {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'number' | 'url' | 'search';
  hint?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
  readOnly?: boolean;
}

/** A labelled input with its error under it (announced through aria-describedby, marked aria-invalid). */
export function TextField({ id, label, value, error, onInput, type = 'text', hint, ...rest }: TextProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(e) => onInput(e.currentTarget.value)}
        {...rest}
      />
      {hint && (
        <small id={`${id}-hint`} class="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} class="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

interface SelectProps<V extends string> {
  id: string;
  label: string;
  value: V;
  options: Record<V, string>;
  error?: string | undefined;
  onChange: (value: V) => void;
}

export function SelectField<V extends string>({ id, label, value, options, error, onChange }: SelectProps<V>) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.currentTarget.value as V)}
      >
        {(Object.keys(options) as V[]).map((k) => (
          <option key={k} value={k}>
            {options[k]}
          </option>
        ))}
      </select>
      {error && (
        <small id={`${id}-error`} class="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

export function CheckField({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div class="check-field">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** The form's sentence (refusals, "fix the fields"): always present so screen readers hear it appear. */
export function FormProblem({ message }: { message: string | null }) {
  return (
    <p class="form-problem" role="alert" aria-live="assertive">
      {message ?? ''}
    </p>
  );
}

/** Error of a field from the messages, also under a prefix (`agent.groups` for `agent.groups[2].id`). */
export const errorOf = (errors: FieldMessages, field: string): string | undefined => errors[field];

export function Fieldset({
  legend,
  children,
  error,
}: {
  legend: string;
  children: ComponentChildren;
  error?: string | undefined;
}) {
  return (
    <fieldset class="admin-fieldset">
      <legend>{legend}</legend>
      {children}
      {error && <small class="field-error">{error}</small>}
    </fieldset>
  );
}
