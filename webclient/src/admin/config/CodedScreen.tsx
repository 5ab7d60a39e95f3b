import { useState } from 'preact/hooks';
import type { Resource } from '../adminApi';
import { refusal, refusalText, type FieldMessages } from '../adminErrors';
import type { CodedEntry, CodedFields } from '../adminTypes';
import { ListController } from '../listController';
import { ConfirmButton } from '../ui/ConfirmButton';
import { CheckField, FormProblem, TextField, nextFormId } from '../ui/fields';
import { ListShell } from '../ui/ListShell';
import { CODED_FIELDS, codedBody, codedValues, emptyCoded, validateCoded, type CodedValues } from './codedForm';

interface Props {
  title: string;
  /** Singular noun, e.g. "reason". */
  noun: string;
  resource: Resource<CodedEntry, CodedFields>;
}

/** Not-ready reasons or dispositions: list, create, edit, delete (the server keeps used ones, inactive). */
export function CodedScreen({ title, noun, resource }: Props) {
  const [list] = useState(() => new ListController<CodedEntry>((q) => resource.list(q)));
  const [editing, setEditing] = useState<CodedEntry | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = async (e: CodedEntry) => {
    list.fail(null);
    try {
      await resource.remove(e.id);
      await list.load(); // a used entry stays, inactive: reload to show what the server kept
      setNotice(`${e.label} is deleted (or deactivated when calls refer to it).`);
    } catch (err) {
      list.fail(refusalText(err));
    }
  };
  return (
    <section class="admin-screen" aria-label={title}>
      <h2>{title}</h2>
      {editing && (
        <CodedForm
          key={editing === 'new' ? 'new' : editing.id}
          noun={noun}
          resource={resource}
          original={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(e) => {
            list.upsert(e);
            setEditing(null);
            setNotice(`${e.label} is saved.`);
          }}
        />
      )}
      <p class="muted" role="status" aria-live="polite">
        {notice ?? ''}
      </p>
      <ListShell
        list={list}
        noun={`${noun}s`}
        searchLabel={`Search ${noun}s`}
        head={['Label', 'Code', 'Order', 'Status', 'Actions']}
        actions={
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            New {noun}
          </button>
        }
        row={(e) => (
          <tr key={e.id} class="admin-row">
            <th scope="row">{e.label}</th>
            <td>{e.code}</td>
            <td>{e.sortOrder}</td>
            <td>{e.active ? 'Active' : 'Inactive'}</td>
            <td class="row-actions">
              <button type="button" aria-label={`Edit ${e.label}`} onClick={() => setEditing(e)}>
                Edit
              </button>
              <ConfirmButton
                label="Delete"
                ariaLabel={`Delete ${e.label}`}
                question={`Delete ${e.label}?`}
                onConfirm={() => remove(e)}
              />
            </td>
          </tr>
        )}
      />
    </section>
  );
}

interface FormProps {
  noun: string;
  resource: Resource<CodedEntry, CodedFields>;
  original: CodedEntry | null;
  onSaved: (e: CodedEntry) => void;
  onCancel: () => void;
}

function CodedForm({ noun, resource, original, onSaved, onCancel }: FormProps) {
  const [id] = useState(() => nextFormId(noun));
  const [values, setValues] = useState<CodedValues>(() => (original ? codedValues(original) : emptyCoded()));
  const [errors, setErrors] = useState<FieldMessages>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (p: Partial<CodedValues>) => setValues((v) => ({ ...v, ...p }));
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const wrong = validateCoded(values);
    setErrors(wrong);
    setProblem(Object.keys(wrong).length ? 'Some fields need correcting.' : null);
    if (Object.keys(wrong).length) return;
    const body = codedBody(values, original);
    if (original && Object.keys(body).length === 0) return setProblem('Nothing changed.');
    setSaving(true);
    try {
      onSaved(original ? await resource.patch(original.id, body) : await resource.create(body));
    } catch (err) {
      const r = refusal(err, CODED_FIELDS);
      setErrors(r.fields);
      setProblem(r.form);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form
      class="card admin-form"
      aria-label={original ? `Edit ${original.label}` : `New ${noun}`}
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <div class="admin-grid">
        <TextField
          id={`${id}-code`}
          label="Code"
          hint="a-z, 0-9 and -, at most 32"
          value={values.code}
          error={errors.code}
          maxLength={32}
          onInput={(code) => set({ code })}
        />
        <TextField
          id={`${id}-label`}
          label="Label"
          value={values.label}
          error={errors.label}
          maxLength={100}
          onInput={(label) => set({ label })}
        />
        <TextField
          id={`${id}-order`}
          label="Order"
          inputMode="numeric"
          value={values.sortOrder}
          error={errors.sortOrder}
          onInput={(sortOrder) => set({ sortOrder })}
        />
      </div>
      <CheckField
        id={`${id}-active`}
        label="Active (agents can choose it)"
        checked={values.active}
        onChange={(active) => set({ active })}
      />
      <FormProblem message={problem} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
