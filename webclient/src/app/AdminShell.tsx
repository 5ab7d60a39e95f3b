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

interface Props {
  session: SessionInfo;
  live: LiveController;
  phone: PhoneKit | null;
  onLogout: () => Promise<void>;
}

type Area = 'team' | 'admin';

/**
 * An admin's page: the supervisor's "Team" page and the "Administration". The team page stays mounted while
 * the administration shows, so its live team and a monitoring call go on; the administration is built on first use.
 */
export function AdminShell({ session, live, phone, onLogout }: Props) {
  const [area, setArea] = useState<Area>('team');
  const [api] = useState(() => {
    const client = new ApiClient(() => live.currentToken());
    return adminApi((method, url, body) => live.authorized(() => client.request(method, url, body)));
  });
  const [adminOpened, setAdminOpened] = useState(false);
  const [logoutAlert, setLogoutAlert] = useState<string | null>(null);
  const go = (a: Area) => {
    setArea(a);
    if (a === 'admin') setAdminOpened(true);
  };
  return (
    <>
      <nav class="area-nav" aria-label="Main">
        {(['team', 'admin'] as const).map((a) => (
          <button key={a} type="button" class="tab" aria-current={area === a ? 'page' : undefined} onClick={() => go(a)}>
            {a === 'team' ? 'Team' : 'Administration'}
          </button>
        ))}
      </nav>
      <div hidden={area !== 'team'}>
        <StaffHome session={session} live={live} phone={phone} onLogout={onLogout} />
      </div>
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
