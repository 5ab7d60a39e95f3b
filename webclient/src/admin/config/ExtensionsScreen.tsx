import { useState } from 'preact/hooks';
import type { AdminApi, Extension } from '../adminApi';
import { refusal, refusalText } from '../adminErrors';
import { ListController } from '../listController';
import { ConfirmButton } from '../ui/ConfirmButton';
import { FormProblem, TextField } from '../ui/fields';
import { ListShell } from '../ui/ListShell';

/** A new extension's number: 2 to 8 digits. */
export function extensionProblem(number: string): string | undefined {
  return /^\d{2,8}$/.test(number.trim()) ? undefined : 'Enter 2 to 8 digits.';
}

/** The tenant's extensions: which agent has each, create a free one, delete one nobody uses. */
export function ExtensionsScreen({ api }: { api: AdminApi }) {
  const [list] = useState(() => new ListController<Extension>((q) => api.extensions.list(q)));
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    const wrong = extensionProblem(number);
    setError(wrong);
    if (wrong) return;
    try {
      list.upsert(await api.extensions.create({ number: number.trim() }));
      setNumber('');
      setProblem(null);
    } catch (err) {
      const r = refusal(err, new Set(['number']));
      setError(r.fields.number);
      setProblem(r.form);
    }
  };
  const remove = async (x: Extension) => {
    try {
      await api.extensions.remove(x.id);
      list.removeLocal(x.id);
    } catch (err) {
      list.fail(refusalText(err));
    }
  };
  return (
    <section class="admin-screen" aria-label="Extensions">
      <h2>Extensions</h2>
      <form class="card admin-form" aria-label="New extension" onSubmit={(e) => void create(e)} noValidate>
        <TextField
          id="extension-number"
          label="Number"
          value={number}
          error={error}
          inputMode="numeric"
          maxLength={8}
          onInput={setNumber}
        />
        <FormProblem message={problem} />
        <div class="form-actions">
          <button type="submit" class="primary">
            Create extension
          </button>
        </div>
      </form>
      <ListShell
        list={list}
        noun="extensions"
        searchLabel="Search extensions"
        placeholder="Digits the number starts with"
        head={['Number', 'Used by', 'Actions']}
        row={(x) => (
          <tr key={x.id} class="admin-row">
            <th scope="row">{x.number}</th>
            <td>{x.agentId == null ? 'Free' : `Agent ${x.agentId}`}</td>
            <td class="row-actions">
              <ConfirmButton
                label="Delete"
                ariaLabel={`Delete extension ${x.number}`}
                question={`Delete extension ${x.number}?`}
                onConfirm={() => remove(x)}
              />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
