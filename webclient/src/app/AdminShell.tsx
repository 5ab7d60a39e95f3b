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

interface Props {
  session: SessionInfo;
  live: LiveController;
  phone: PhoneKit | null;
  onLogout: () => Promise<void>;
}

type Area = 'team' | 'calls' | 'admin';
const AREA_TEXT: Record<Area, string> = { team: 'Team', calls: 'Calls', admin: 'Administration' };

/**
 * An admin's or supervisor's page: the "Team" page, the "Calls" (call history) and, for admins, the
 * "Administration". The team page stays mounted while another area shows, so its live team and a monitoring call go
 * on; the other areas are built on first use.
 */
export function AdminShell({ session, live, phone, onLogout }: Props) {
  const [area, setArea] = useState<Area>('team');
  const [api] = useState(() => {
    const client = new ApiClient(() => live.currentToken());
    return adminApi((method, url, body) => live.authorized(() => client.request(method, url, body)));
  });
  const [adminOpened, setAdminOpened] = useState(false);
  const [callsOpened, setCallsOpened] = useState(false);
  const areas: Area[] = session.user.role === 'admin' ? ['team', 'calls', 'admin'] : ['team', 'calls'];
  const [logoutAlert, setLogoutAlert] = useState<string | null>(null);
  const go = (a: Area) => {
    setArea(a);
    if (a === 'admin') setAdminOpened(true);
    if (a === 'calls') setCallsOpened(true);
  };
  return (
    <>
      <nav class="area-nav" aria-label="Main">
        {areas.map((a) => (
          <button key={a} type="button" class="tab" aria-current={area === a ? 'page' : undefined} onClick={() => go(a)}>
            {AREA_TEXT[a]}
          </button>
        ))}
      </nav>
      <div hidden={area !== 'team'}>
        <StaffHome session={session} live={live} phone={phone} onLogout={onLogout} />
      </div>
      {callsOpened && (
        <main class="staff-page history-area" hidden={area !== 'calls'} aria-label="Calls">
          <PageHeading>Calls</PageHeading>
          <HistoryScreen session={session} live={live} />
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
