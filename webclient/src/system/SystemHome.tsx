import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { refusalText } from '../admin/adminErrors';
import { ListController } from '../admin/listController';
import { ConfirmButton } from '../admin/ui/ConfirmButton';
import { FormProblem, TextField } from '../admin/ui/fields';
import { ListShell } from '../admin/ui/ListShell';
import { AlertRegion } from '../components/AlertRegion';
import { LogoutButton } from '../components/LogoutButton';
import { PageHeading } from '../components/PageHeading';
import {
  EMPTY_TENANT,
  TENANT_CODE_FIELD,
  tenantProblems,
  type NewTenantValues,
  type SystemApi,
  type SystemTenant,
} from './systemApi';
import '../admin/admin.css';

interface Props {
  displayName: string;
  api: SystemApi;
  onLogout: () => Promise<void>;
}

/** A system user's page: the tenants (create with their first admin, suspend, resume, delete). */
export function SystemHome({ displayName, api, onLogout }: Props) {
  const [list] = useState(() => new ListController<SystemTenant>((q) => api.list({ limit: q.limit, after: q.after })));
  const [values, setValues] = useState<NewTenantValues>(EMPTY_TENANT);
  const [errors, setErrors] = useState<Partial<Record<keyof NewTenantValues, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const set = (v: Partial<NewTenantValues>) => setValues((old) => ({ ...old, ...v }));

  const create = async (e: Event) => {
    e.preventDefault();
    setCreated(null);
    const found = tenantProblems(values);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    try {
      const t = await api.create(values);
      list.upsert(t);
      setCreated(`Tenant ${t.name} (${t.domain}) created; its admin ${values.adminUsername.trim()} can sign in now.`);
      setValues(EMPTY_TENANT);
    } catch (err) {
      const field = err instanceof ApiError && err.code ? TENANT_CODE_FIELD[err.code] : undefined;
      if (field) setErrors({ [field]: refusalText(err) });
      else setProblem(refusalText(err));
    }
  };
  const act = async (run: () => Promise<SystemTenant | void>, t: SystemTenant) => {
    try {
      const changed = await run();
      if (changed) list.upsert(changed);
      else list.removeLocal(t.id);
    } catch (err) {
      list.fail(refusalText(err));
    }
  };

  return (
    <main class="staff-page admin-area" aria-label="System administration">
      <header class="toolbar">
        <div class="identity">
          <PageHeading>System administration</PageHeading>
          <dl class="facts">
            <div>
              <dt>Signed in as</dt>
              <dd>{displayName}</dd>
            </div>
          </dl>
        </div>
        <LogoutButton onLogout={onLogout} onError={setAlert} />
      </header>
      <section class="admin-screen" aria-label="Tenants">
        <h2>Tenants</h2>
        <form class="card admin-form" aria-label="New tenant" onSubmit={(e) => void create(e)} noValidate>
          <div class="admin-grid">
            <TextField
              id="tenant-domain"
              label="Domain"
              value={values.domain}
              error={errors.domain}
              hint="Users sign in with it"
              maxLength={32}
              onInput={(domain) => set({ domain })}
            />
            <TextField
              id="tenant-name"
              label="Name"
              value={values.name}
              error={errors.name}
              maxLength={200}
              onInput={(name) => set({ name })}
            />
            <TextField
              id="tenant-admin"
              label="First admin's username"
              value={values.adminUsername}
              error={errors.adminUsername}
              autoComplete="off"
              onInput={(adminUsername) => set({ adminUsername })}
            />
            <TextField
              id="tenant-admin-name"
              label="First admin's display name"
              value={values.adminDisplayName}
              onInput={(adminDisplayName) => set({ adminDisplayName })}
            />
            <TextField
              id="tenant-admin-password"
              label="First admin's password"
              type="password"
              autoComplete="new-password"
              hint="At least 10 characters"
              value={values.adminPassword}
              error={errors.adminPassword}
              onInput={(adminPassword) => set({ adminPassword })}
            />
          </div>
          <FormProblem message={problem} />
          <div class="form-actions">
            <button type="submit" class="primary">
              Create tenant
            </button>
          </div>
        </form>
        {created && (
          <p class="notice" role="status">
            {created}
          </p>
        )}
        <ListShell
          list={list}
          noun="tenants"
          searchLabel="Search tenants"
          head={['Domain', 'Name', 'Status', 'Created', 'Actions']}
          row={(t) => (
            <tr key={t.id} class="admin-row" data-status={t.status}>
              <th scope="row">{t.domain}</th>
              <td>{t.name}</td>
              <td>{t.status === 'active' ? 'Active' : 'Suspended'}</td>
              <td>{new Date(t.createdAt).toLocaleDateString()}</td>
              <td class="row-actions">
                {t.status === 'active' ? (
                  <ConfirmButton
                    label="Suspend"
                    ariaLabel={`Suspend ${t.domain}`}
                    confirmLabel="Yes, suspend"
                    question={`Suspend ${t.name}? Its users are signed out at once.`}
                    onConfirm={() => act(() => api.suspend(t.id), t)}
                  />
                ) : (
                  <button
                    type="button"
                    aria-label={`Resume ${t.domain}`}
                    onClick={() => void act(() => api.resume(t.id), t)}
                  >
                    Resume
                  </button>
                )}
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete ${t.domain}`}
                  question={`Delete ${t.name}? Nobody of it can sign in again; its history stays and its domain stays taken.`}
                  onConfirm={() => act(() => api.remove(t.id), t)}
                />
              </td>
            </tr>
          )}
        />
      </section>
      <AlertRegion message={alert} onDismiss={() => setAlert(null)} />
    </main>
  );
}
