import { render } from 'preact';
import { ApiClient } from './api/client';
import type { SessionInfo } from './api/types';
import { browserAlerts } from './alerts/alerts';
import { App } from './app/App';
import { LiveController } from './live/liveController';
import { pushUrl, type SocketLike } from './push/pushClient';
import { SessionController } from './session/sessionController';
import './styles.css';

// Wiring only. The access token lives in the SessionController (memory only); the API
// client asks it for the token on each call.
const api: ApiClient = new ApiClient((): string | null => session.getToken());
const session: SessionController = new SessionController(api);

const createLive = (info: SessionInfo) =>
  new LiveController({
    api,
    session,
    isAgent: info.user.role === 'agent' && info.agent != null,
    pushUrl: pushUrl(location),
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
  });

// One beep and notifier for the page. After a reload nobody clicked "Sign in", so the first click
// or key press anywhere unlocks the audio.
const alerts = browserAlerts();
for (const type of ['pointerdown', 'keydown'] as const) {
  document.addEventListener(type, () => alerts.ringer.unlock(), { capture: true, passive: true });
}

render(<App session={session} createLive={createLive} alerts={alerts} />, document.getElementById('app')!);
