import { useState } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import { AlertRegion } from '../components/AlertRegion';
import { LogoutButton } from '../components/LogoutButton';
import { PageHeading } from '../components/PageHeading';

const ROLE_TEXT = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator' } as const;

/** Placeholder home for supervisors and admins until the team view exists. */
export function StaffHome({ session, onLogout }: { session: SessionInfo; onLogout: () => Promise<void> }) {
  const [alert, setAlert] = useState<string | null>(null);
  return (
    <main class="staff-page">
      <header class="toolbar">
        <div class="identity">
          <PageHeading>{session.user.displayName}</PageHeading>
          <dl class="facts">
            <div>
              <dt>Role</dt>
              <dd>{ROLE_TEXT[session.user.role]}</dd>
            </div>
            <div>
              <dt>Tenant</dt>
              <dd title={session.tenant.domain}>{session.tenant.name}</dd>
            </div>
          </dl>
        </div>
        <LogoutButton onLogout={onLogout} onError={setAlert} />
      </header>
      <section class="card">
        <p>The team view comes in a later version. For now you can only log out here.</p>
      </section>
      <AlertRegion message={alert} onDismiss={() => setAlert(null)} />
    </main>
  );
}
