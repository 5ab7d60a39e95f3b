import { useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import type { SessionInfo } from '../api/types';
import { AdminHome } from '../admin/AdminHome';
import { adminApi } from '../admin/adminApi';
import { AlertRegion } from '../components/AlertRegion';
import { LogoutButton } from '../components/LogoutButton';
import { PageHeading } from '../components/PageHeading';
import type { LiveController } from '../live/liveController';
import type { PhoneKit } from '../phone/phoneKit';
import { StaffHome } from '../staff/StaffHome';
import { HistoryScreen } from '../history/HistoryScreen';
import { ReportsScreen } from '../reports/ReportsScreen';
import { reportsApi } from '../reports/reportsApi';

interface Props {
  session: SessionInfo;
  live: LiveController;
  phone: PhoneKit | null;
  onLogout: () => Promise<void>;
}

type Area = 'team' | 'calls' | 'reports' | 'admin';

/** The areas of the navigation, in order, with the roles that see them (one line each). */
const AREAS: { area: Area; label: string; roles: SessionInfo['user']['role'][] }[] = [
  { area: 'team', label: 'Team', roles: ['admin', 'supervisor'] },
  { area: 'calls', label: 'Calls', roles: ['admin', 'supervisor'] },
  { area: 'reports', label: 'Reports', roles: ['admin', 'supervisor'] },
  { area: 'admin', label: 'Administration', roles: ['admin'] },
];

/**
 * An admin's or a supervisor's page: the "Team" page, "Calls" (call history), "Reports" and (admins) the
 * "Administration". The team page stays mounted while another area shows, so its live team and a monitoring call go
 * on; the other areas are built on first use.
 */
export function AdminShell({ session, live, phone, onLogout }: Props) {
  const [area, setArea] = useState<Area>('team');
  const [api] = useState(() => {
    const client = new ApiClient(() => live.currentToken());
    return adminApi((method, url, body) => live.authorized(() => client.request(method, url, body)));
  });
  const [reports] = useState(() => {
    const client = new ApiClient(() => live.currentToken());
    return reportsApi(
      <T,>(method: string, url: string) => live.authorized(() => client.request<T>(method, url)),
      () => live.currentToken(),
    );
  });
  const [opened, setOpened] = useState<Set<Area>>(() => new Set(['team']));
  const adminOpened = opened.has('admin');
  const [logoutAlert, setLogoutAlert] = useState<string | null>(null);
  const go = (a: Area) => {
    setArea(a);
    setOpened((o) => (o.has(a) ? o : new Set([...o, a])));
  };
  return (
    <>
      <nav class="area-nav" aria-label="Main">
        {AREAS.filter((a) => a.roles.includes(session.user.role)).map(({ area: a, label }) => (
          <button
            key={a}
            type="button"
            class="tab"
            aria-current={area === a ? 'page' : undefined}
            onClick={() => go(a)}
          >
            {label}
          </button>
        ))}
      </nav>
      <div hidden={area !== 'team'}>
        <StaffHome session={session} live={live} phone={phone} onLogout={onLogout} />
      </div>
      {opened.has('calls') && (
        <main class="staff-page history-area" hidden={area !== 'calls'} aria-label="Calls">
          <PageHeading>Calls</PageHeading>
          <HistoryScreen session={session} live={live} />
        </main>
      )}
      {opened.has('reports') && (
        <main class="staff-page" hidden={area !== 'reports'} aria-label="Reports">
          <header class="toolbar">
            <div class="identity">
              <PageHeading>Reports</PageHeading>
            </div>
            <LogoutButton onLogout={onLogout} onError={setLogoutAlert} />
          </header>
          <ReportsScreen api={reports} />
        </main>
      )}
      {adminOpened && (
        <main class="staff-page admin-area" hidden={area !== 'admin'} aria-label="Administration">
          <header class="toolbar">
            <div class="identity">
              <PageHeading>Administration</PageHeading>
              <dl class="facts">
                <div>
                  <dt>Signed in as</dt>
                  <dd>{session.user.displayName}</dd>
                </div>
                <div>
                  <dt>Tenant</dt>
                  <dd title={session.tenant.domain}>{session.tenant.name}</dd>
                </div>
              </dl>
            </div>
            <LogoutButton onLogout={onLogout} onError={setLogoutAlert} />
          </header>
          <AdminHome session={session} api={api} />
          <AlertRegion message={logoutAlert} onDismiss={() => setLogoutAlert(null)} />
        </main>
      )}
    </>
  );
}
