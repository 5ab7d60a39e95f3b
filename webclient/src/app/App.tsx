import { useEffect } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import { prepareAlertsOnGesture, type Alerts } from '../alerts/alerts';
import type { LiveController } from '../live/liveController';
import type { PhoneKit } from '../phone/phoneKit';
import type { Ring } from '../alerts/ringAlert';
import { LoginPage } from '../login/LoginPage';
import { PasswordChangePage } from '../login/PasswordChangePage';
import type { SessionController } from '../session/sessionController';
import { useStore } from '../util/hooks';
import { SignedIn } from './SignedIn';

interface Props {
  session: SessionController;
  createLive: (session: SessionInfo) => LiveController;
  createPhone: (session: SessionInfo, ring: (ring: Ring | null) => void) => PhoneKit;
  alerts: Alerts;
}

export function App({ session, createLive, createPhone, alerts }: Props) {
  const view = useStore(session.view);

  useEffect(() => {
    void session.restore();
  }, [session]);

  useEffect(() => {
    document.title = view.kind === 'signed-in' ? `${view.session.user.displayName} – Tandem` : 'Sign in – Tandem';
  }, [view]);

  switch (view.kind) {
    case 'restoring':
      return (
        <main class="login-page">
          <p class="muted" role="status">
            Restoring your session…
          </p>
        </main>
      );
    case 'signed-out':
      return (
        <LoginPage
          notice={view.notice}
          onLogin={(req) => {
            // still inside the submit gesture: unlock audio, ask for notifications
            prepareAlertsOnGesture(alerts);
            return session.login(req);
          }}
        />
      );
    case 'signed-in':
      if (view.session.passwordChangeRequired) {
        return (
          <PasswordChangePage
            displayName={view.session.user.displayName}
            onChange={(current, next) => session.changePassword(current, next)}
            onLogout={() => session.logout()}
          />
        );
      }
      return (
        <SignedIn
          key={view.epoch}
          session={view.session}
          createLive={createLive}
          createPhone={createPhone}
          alerts={alerts}
          onLogout={() => session.logout()}
        />
      );
  }
}
