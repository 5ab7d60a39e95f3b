import { useMemo, useState } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import type { AdminApi } from './adminApi';
import { AuditScreen } from './audit/AuditScreen';
import { ExtensionsScreen } from './config/ExtensionsScreen';
import { TrunkScreen } from './config/TrunkScreen';
import { ApiKeysScreen } from './config/ApiKeysScreen';
import { AttachedKeysScreen } from './config/AttachedKeysScreen';
import { CodedScreen } from './config/CodedScreen';
import { PopupRulesScreen } from './config/PopupRulesScreen';
import { SettingsScreen } from './config/SettingsScreen';
import { GroupsScreen } from './groups/GroupsScreen';
import { UsersScreen } from './users/UsersScreen';
import './admin.css';

export const ADMIN_SECTIONS = {
  users: 'Users and agents',
  groups: 'Groups and queues',
  extensions: 'Extensions',
  reasons: 'Not-ready reasons',
  dispositions: 'Dispositions',
  settings: 'Settings',
  attachedData: 'Attached-data keys',
  popupRules: 'Popup rules',
  apiKeys: 'API keys',
  trunk: 'Trunk',
  audit: 'Audit log',
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
      case 'reasons':
        return <CodedScreen key="reasons" title="Not-ready reasons" noun="reason" resource={api.reasons} />;
      case 'dispositions':
        return <CodedScreen key="dispositions" title="Dispositions" noun="disposition" resource={api.dispositions} />;
      case 'settings':
        return <SettingsScreen api={api} />;
      case 'apiKeys':
        return <ApiKeysScreen api={api} />;
      case 'attachedData':
        return <AttachedKeysScreen api={api} />;
      case 'popupRules':
        return <PopupRulesScreen api={api} />;
      case 'extensions':
        return <ExtensionsScreen api={api} />;
      case 'trunk':
        return <TrunkScreen api={api} domain={session.tenant.domain} />;
      case 'audit':
        return <AuditScreen api={api} />;
    }
  }, [section, api, session.user.id]);
  return (
    <div class="admin-page">
      <nav class="admin-sections" aria-label="Administration sections">
        <ul>
          {(Object.keys(ADMIN_SECTIONS) as AdminSection[]).map((k) => (
            <li key={k}>
              <button
                type="button"
                class="tab"
                aria-current={k === section ? 'page' : undefined}
                onClick={() => setSection(k)}
              >
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
