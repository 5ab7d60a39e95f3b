import { useEffect, useState } from 'preact/hooks';
import type { AdminApi } from '../adminApi';
import { refusal, type FieldMessages } from '../adminErrors';
import type { AttachedDataKeyDef } from '../adminTypes';
import { FormProblem } from '../ui/fields';
import { MAX_KEYS, keysBody, validateKeys } from './attachedKeys';

/** The attached-data keys agents see with a call (positions 1..10); saving replaces the whole list. */
export function AttachedKeysScreen({ api }: { api: AdminApi }) {
  const [keys, setKeys] = useState<AttachedDataKeyDef[] | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    api.attachedDataKeys.get().then(
      (r) => setKeys([...r.keys].sort((a, b) => a.position - b.position)),
      (e: unknown) => setProblem(refusal(e).form),
    );
  }, [api]);
  if (!keys) {
    return (
      <p class="muted" role="status">
        {problem ?? 'Loading…'}
      </p>
    );
  }
  const edit = (i: number, p: Partial<AttachedDataKeyDef>) =>
    setKeys(keys.map((k, j) => (j === i ? { ...k, ...p } : k)));
  const fields = new Set(['keys', ...keys.flatMap((_, i) => [`keys[${i}].name`, `keys[${i}].label`])]);
  const save = async (e: Event) => {
    e.preventDefault();
    setNotice(null);
    const wrong = validateKeys(keys);
    setErrors(wrong);
    if (Object.keys(wrong).length) return setProblem('Some fields need correcting.');
    try {
      const r = await api.attachedDataKeys.put(keysBody(keys));
      setKeys(r.keys);
      setProblem(null);
      setNotice('Attached-data keys are saved.');
    } catch (err) {
      const r = refusal(err, fields);
      setErrors(r.fields);
      setProblem(r.form);
    }
  };
  const move = (i: number, by: number) => {
    const next = keys.slice();
    const [k] = next.splice(i, 1);
    next.splice(i + by, 0, k!);
    setKeys(next);
  };
  return (
    <section class="admin-screen" aria-label="Attached-data keys">
      <h2>Attached-data keys</h2>
      <form class="card admin-form" aria-label="Attached-data keys" onSubmit={(e) => void save(e)} noValidate>
        <ol class="membership-list">
          {keys.map((k, i) => {
            const nameErr = errors[`keys[${i}].name`];
            const labelErr = errors[`keys[${i}].label`];
            return (
              <li key={i}>
                <label for={`adk-name-${i}`}>Name</label>
                <input
                  id={`adk-name-${i}`}
                  value={k.name}
                  maxLength={64}
                  aria-invalid={nameErr ? 'true' : undefined}
                  aria-describedby={nameErr ? `adk-name-${i}-error` : undefined}
                  onInput={(e) => edit(i, { name: e.currentTarget.value })}
                />
                <label for={`adk-label-${i}`}>Label</label>
                <input
                  id={`adk-label-${i}`}
                  value={k.label}
                  maxLength={100}
                  aria-invalid={labelErr ? 'true' : undefined}
                  aria-describedby={labelErr ? `adk-label-${i}-error` : undefined}
                  onInput={(e) => edit(i, { label: e.currentTarget.value })}
                />
                <button
                  type="button"
                  disabled={i === 0}
                  aria-label={`Move ${k.name || 'key'} up`}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={i === keys.length - 1}
                  aria-label={`Move ${k.name || 'key'} down`}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${k.name || 'key'}`}
                  onClick={() => setKeys(keys.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
                {nameErr && (
                  <small id={`adk-name-${i}-error`} class="field-error">
                    {nameErr}
                  </small>
                )}
                {labelErr && (
                  <small id={`adk-label-${i}-error`} class="field-error">
                    {labelErr}
                  </small>
                )}
              </li>
            );
          })}
        </ol>
        {errors.keys && <small class="field-error">{errors.keys}</small>}
        <FormProblem message={problem} />
        <p class="muted" role="status" aria-live="polite">
          {notice ?? ''}
        </p>
        <div class="form-actions">
          <button
            type="button"
            disabled={keys.length >= MAX_KEYS}
            onClick={() => setKeys([...keys, { position: keys.length + 1, name: '', label: '' }])}
          >
            Add key
          </button>
          <button type="submit" class="primary">
            Save keys
          </button>
        </div>
      </form>
    </section>
  );
}
