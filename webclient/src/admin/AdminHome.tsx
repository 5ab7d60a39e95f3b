import { useMemo, useState } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import type { AdminApi } from './adminApi';
import { GroupsScreen } from './groups/GroupsScreen';
import { UsersScreen } from './users/UsersScreen';
import './admin.css';

export const ADMIN_SECTIONS = {
  users: 'Users and agents',
  groups: 'Groups and queues',
} as const;

export type AdminSection = keyof typeof ADMIN_SECTIONS;

interface Props {
  session: SessionInfo;
  api: AdminApi;
}

/** The tenant administration (role admin): one screen per section, chosen in the side navigation. */
export function AdminHome({ session, api }: Props) {
  const [section, setSection] = useState<AdminSection>('users');
  const screen = useMemo(() => {
    switch (section) {
      case 'users':
        return <UsersScreen api={api} selfId={session.user.id} />;
      case 'groups':
        return <GroupsScreen api={api} />;
    }
  }, [section, api, session.user.id]);
  return (
    <div class="admin-page">
      <nav class="admin-sections" aria-label="Administration sections">
        <ul>
          {(Object.keys(ADMIN_SECTIONS) as AdminSection[]).map((k) => (
            <li key={k}>
              <button type="button" class="tab" aria-current={k === section ? 'page' : undefined} onClick={() => setSection(k)}>
                {ADMIN_SECTIONS[k]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div class="admin-main">{screen}</div>
    </div>
  );
}
