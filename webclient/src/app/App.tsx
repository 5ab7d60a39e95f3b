import { useEffect } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import { prepareAlertsOnGesture, type Alerts } from '../alerts/alerts';
import type { LiveController } from '../live/liveController';
import type { PhoneKit } from '../phone/phoneKit';
import type { Ring } from '../alerts/ringAlert';
import { LoginPage } from '../login/LoginPage';
import { PasswordChangePage } from '../login/PasswordChangePage';
import { ApiClient } from '../api/client';
import { SystemHome } from '../system/SystemHome';
import { systemApi } from '../system/systemApi';
import type { SessionController } from '../session/sessionController';
import { useStore } from '../util/hooks';
import { SignedIn } from './SignedIn';

interface Props {
  session: SessionController;
  createLive: (session: SessionInfo) => LiveController;
  createPhone: (session: SessionInfo, ring: (ring: Ring | null) => void) => PhoneKit;
  alerts: Alerts;
}

/** The system API through the session's token, renewed on a 401. */
function systemApiOf(session: SessionController) {
  const client = new ApiClient(() => session.getToken());
  return systemApi((method, url, body) => session.authorized(() => client.request(method, url, body)));
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
      if ((view.session.user.role as string) === 'system') {
        // no push channel nor phone: system users manage tenants only (the server closes their push with 4403)
        return (
          <SystemHome
            key={view.epoch}
            displayName={view.session.user.displayName}
            api={systemApiOf(session)}
            onLogout={() => session.logout()}
          />
        );
      }
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
