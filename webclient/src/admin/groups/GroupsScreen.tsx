import { useEffect, useState } from 'preact/hooks';
import { listAll, type AdminApi } from '../adminApi';
import { refusalText } from '../adminErrors';
import type { AdminGroup } from '../adminTypes';
import { ListController } from '../listController';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ListShell } from '../ui/ListShell';
import type { Option } from '../ui/pickers';
import { STRATEGY_TEXT } from './groupForm';
import { GroupForm } from './GroupForm';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; group: AdminGroup };

/** Groups and their queues: list, create, edit, delete. */
export function GroupsScreen({ api }: { api: AdminApi }) {
  const [list] = useState(() => new ListController<AdminGroup>((q) => api.groups.list({ ...q, sort: 'name' })));
  const [agents, setAgents] = useState<Option[]>([]);
  const [supervisors, setSupervisors] = useState<Option[]>([]);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    listAll((q) => api.users.list({ ...q, sort: 'displayName' }))
      .then((users) => {
        // members are agents (by agent id), supervisors are users (supervisors and admins, by user id)
        setAgents(
          users.flatMap((u) => (u.agent ? [{ id: u.agent.id, label: `${u.displayName} (${u.agent.extension})` }] : [])),
        );
        setSupervisors(users.filter((u) => u.role !== 'agent').map((u) => ({ id: u.id, label: u.displayName })));
      })
      .catch((e: unknown) => list.fail(`Users could not be loaded: ${refusalText(e)}`));
  }, [api, list]);

  const remove = async (g: AdminGroup) => {
    setNotice(null);
    list.fail(null);
    try {
      await api.groups.remove(g.id);
      list.removeLocal(g.id);
      if (editing.kind === 'edit' && editing.group.id === g.id) setEditing({ kind: 'none' });
      setNotice(`${g.name} is deleted.`);
    } catch (e) {
      list.fail(refusalText(e));
    }
  };

  return (
    <section class="admin-screen" aria-labelledby="groups-title">
      <h2 id="groups-title">Groups and queues</h2>
      {editing.kind !== 'none' && (
        <GroupForm
          key={editing.kind === 'edit' ? editing.group.id : 'new'}
          api={api}
          original={editing.kind === 'edit' ? editing.group : null}
          agents={agents}
          supervisors={supervisors}
          onCancel={() => setEditing({ kind: 'none' })}
          onSaved={(g) => {
            list.upsert(g);
            setEditing({ kind: 'none' });
            setNotice(`${g.name} is saved.`);
          }}
        />
      )}
      <p class="muted" role="status" aria-live="polite">
        {notice ?? ''}
      </p>
      <ListShell
        list={list}
        noun="groups"
        searchLabel="Search groups"
        head={['Name', 'Queue', 'Strategy', 'Members', 'Recording', 'Actions']}
        actions={
          <button type="button" class="primary" onClick={() => setEditing({ kind: 'new' })}>
            New group
          </button>
        }
        row={(g) => (
          <tr key={g.id} class="admin-row">
            <th scope="row">{g.name}</th>
            <td>{g.queueName}</td>
            <td>{STRATEGY_TEXT[g.strategy] ?? g.strategy}</td>
            <td>{g.members.length}</td>
            <td>{g.alwaysRecord ? 'Always' : 'On demand'}</td>
            <td class="row-actions">
              <button
                type="button"
                aria-label={`Edit ${g.name}`}
                onClick={() => setEditing({ kind: 'edit', group: g })}
              >
                Edit
              </button>
              <ConfirmButton
                label="Delete"
                ariaLabel={`Delete ${g.name}`}
                question={`Delete ${g.name} and its queue?`}
                onConfirm={() => remove(g)}
              />
            </td>
          </tr>
        )}
      />
    </section>
  );
}
