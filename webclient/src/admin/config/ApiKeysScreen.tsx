import { useState } from 'preact/hooks';
import type { AdminApi } from '../adminApi';
import { refusal, refusalText } from '../adminErrors';
import type { ApiKey, CreatedApiKey } from '../adminTypes';
import { ListController } from '../listController';
import { ConfirmButton } from '../ui/ConfirmButton';
import { FormProblem, TextField } from '../ui/fields';
import { ListShell } from '../ui/ListShell';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** API keys: create (the secret is shown this once, to copy), list, revoke. */
export function ApiKeysScreen({ api }: { api: AdminApi }) {
  const [list] = useState(() => new ListController<ApiKey>((q) => api.apiKeys.list(q)));
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [copied, setCopied] = useState(false);

  const create = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    setCopied(false);
    if (!name.trim()) {
      setNameError('Enter a name, e.g. the system that uses the key.');
      return;
    }
    setNameError(undefined);
    try {
      const key = await api.apiKeys.create(name.trim());
      setCreated(key);
      const { key: _secret, ...shown } = key; // the list never holds the secret
      list.upsert(shown);
      setName('');
      setProblem(null);
    } catch (err) {
      const r = refusal(err, new Set(['name']));
      setNameError(r.fields.name);
      setProblem(r.form);
    }
  };
  const revoke = async (k: ApiKey) => {
    try {
      await api.apiKeys.revoke(k.id);
      await list.load();
    } catch (err) {
      list.fail(refusalText(err));
    }
  };

  return (
    <section class="admin-screen" aria-label="API keys">
      <h2>API keys</h2>
      <form class="card admin-form" aria-label="New API key" onSubmit={(e) => void create(e)} noValidate>
        <TextField id="api-key-name" label="Name" value={name} error={nameError} maxLength={100} onInput={setName} />
        <FormProblem message={problem} />
        <div class="form-actions">
          <button type="submit" class="primary">
            Create key
          </button>
        </div>
      </form>
      {created && (
        <div class="secret-box" role="status" aria-live="polite">
          <span>
            Key for {created.name}, shown only now: <code data-testid="api-key-secret">{created.key}</code>
          </span>
          <button
            type="button"
            onClick={() =>
              void navigator.clipboard?.writeText(created.key).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      <ListShell
        list={list}
        noun="keys"
        searchLabel="Search keys"
        head={['Name', 'Created', 'Last used', 'Status', 'Actions']}
        row={(k) => (
          <tr key={k.id} class="admin-row">
            <th scope="row">{k.name}</th>
            <td>{when(k.createdAt)}</td>
            <td>{when(k.lastUsedAt)}</td>
            <td>{k.revokedAt ? `Revoked ${when(k.revokedAt)}` : 'Active'}</td>
            <td class="row-actions">
              {!k.revokedAt && (
                <ConfirmButton
                  label="Revoke"
                  ariaLabel={`Revoke ${k.name}`}
                  confirmLabel="Yes, revoke"
                  question={`Revoke ${k.name}? Systems using it stop working.`}
                  onConfirm={() => revoke(k)}
                />
              )}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
