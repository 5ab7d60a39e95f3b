import { useEffect } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import type { LiveController } from '../live/liveController';
import { LoginPage } from '../login/LoginPage';
import type { SessionController } from '../session/sessionController';
import { useStore } from '../util/hooks';
import { SignedIn } from './SignedIn';

interface Props {
  session: SessionController;
  createLive: (session: SessionInfo) => LiveController;
}

export function App({ session, createLive }: Props) {
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
      return <LoginPage notice={view.notice} onLogin={(req) => session.login(req)} />;
    case 'signed-in':
      return (
        <SignedIn
          key={view.epoch}
          session={view.session}
          createLive={createLive}
          onLogout={() => session.logout()}
        />
      );
  }
}
