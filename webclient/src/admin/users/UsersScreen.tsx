import { useEffect, useState } from 'preact/hooks';
import type { Id, Role } from '../../api/types';
import { listAll, type AdminApi } from '../adminApi';
import { refusalText } from '../adminErrors';
import type { AdminUser } from '../adminTypes';
import { ListController } from '../listController';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ListShell } from '../ui/ListShell';
import type { Option } from '../ui/pickers';
import { ROLE_TEXT, UserForm } from './UserForm';

interface Props {
  api: AdminApi;
  /** The signed-in admin (the server refuses to delete or disable it). */
  selfId: Id;
}

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; user: AdminUser };

/** Users and agents: search, more, create, edit, enable/disable, delete. */
export function UsersScreen({ api, selfId }: Props) {
  const [list] = useState(() => new ListController<AdminUser>((q) => api.users.list({ ...q, sort: 'username' })));
  const [groups, setGroups] = useState<Option[]>([]);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);
  const [role, setRole] = useState<Role | ''>('');

  useEffect(() => {
    listAll((q) => api.groups.list({ ...q, sort: 'name' }))
      .then((gs) => setGroups(gs.map((g) => ({ id: g.id, label: g.name }))))
      .catch((e: unknown) => list.fail(`Groups could not be loaded: ${refusalText(e)}`));
  }, [api, list]);

  const act = async (what: () => Promise<void>, done: string) => {
    setNotice(null);
    list.fail(null);
    try {
      await what();
      setNotice(done);
    } catch (e) {
      list.fail(refusalText(e));
    }
  };
  const setEnabled = (u: AdminUser, enabled: boolean) =>
    act(
      async () => list.upsert(await api.users.patch(u.id, { enabled })),
      `${u.username} is ${enabled ? 'enabled' : 'disabled'}.`,
    );
  const remove = (u: AdminUser) =>
    act(async () => {
      await api.users.remove(u.id);
      list.removeLocal(u.id);
      if (editing.kind === 'edit' && editing.user.id === u.id) setEditing({ kind: 'none' });
    }, `${u.username} is deleted.`);

  return (
    <section class="admin-screen" aria-labelledby="users-title">
      <h2 id="users-title">Users and agents</h2>
      {editing.kind !== 'none' && (
        <UserForm
          key={editing.kind === 'edit' ? editing.user.id : 'new'}
          api={api}
          original={editing.kind === 'edit' ? editing.user : null}
          groups={groups}
          onCancel={() => setEditing({ kind: 'none' })}
          onSaved={(u) => {
            list.upsert(u);
            setEditing({ kind: 'none' });
            setNotice(`${u.username} is saved.`);
          }}
        />
      )}
      <p class="muted" role="status" aria-live="polite">
        {notice ?? ''}
      </p>
      <ListShell
        list={list}
        noun="users"
        searchLabel="Search users"
        placeholder="Username, name or extension"
        head={['Username', 'Display name', 'Role', 'Extension', 'Status', 'Actions']}
        actions={
          <>
            <label>
              Role
              <select
                value={role}
                onChange={(e) => {
                  const r = e.currentTarget.value as Role | '';
                  setRole(r);
                  void list.filter(r ? { role: r } : {});
                }}
              >
                <option value="">All roles</option>
                {(Object.keys(ROLE_TEXT) as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_TEXT[r]}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" class="primary" onClick={() => setEditing({ kind: 'new' })}>
              New user
            </button>
          </>
        }
        row={(u) => (
          <tr key={u.id} class="admin-row">
            <th scope="row">{u.username}</th>
            <td>{u.displayName}</td>
            <td>{ROLE_TEXT[u.role]}</td>
            <td>{u.agent?.extension ?? '—'}</td>
            <td>{u.enabled ? 'Enabled' : 'Disabled'}</td>
            <td class="row-actions">
              <button
                type="button"
                onClick={() => setEditing({ kind: 'edit', user: u })}
                aria-label={`Edit ${u.username}`}
              >
                Edit
              </button>
              <button
                type="button"
                disabled={u.id === selfId}
                aria-label={`${u.enabled ? 'Disable' : 'Enable'} ${u.username}`}
                onClick={() => void setEnabled(u, !u.enabled)}
              >
                {u.enabled ? 'Disable' : 'Enable'}
              </button>
              <ConfirmButton
                label="Delete"
                question={`Delete ${u.username} for good?`}
                disabled={u.id === selfId}
                ariaLabel={`Delete ${u.username}`}
                onConfirm={() => remove(u)}
              />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
