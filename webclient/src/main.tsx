import { render } from 'preact';
import { ApiClient } from './api/client';
import type { SessionInfo } from './api/types';
import type { Ring } from './alerts/ringAlert';
import { browserAlerts } from './alerts/alerts';
import { App } from './app/App';
import { LiveController } from './live/liveController';
import { browserAudioDevices } from './phone/audioDevices';
import { createJsSipUa } from './phone/jssipUa';
import { PhoneController } from './phone/phoneController';
import { browserPhoneLock } from './phone/phoneLock';
import { TicketSocket, type WebSocketLike } from './phone/ticketSocket';
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

// The webphone of an agent: JsSIP through the server's SIP proxy, a fresh ticket per connection,
// one tab of the browser at a time.
const createPhone = (info: SessionInfo, ring: (r: Ring | null) => void) => {
  const fetchTicket = () => session.authorized(() => api.sipTicket());
  const devices = browserAudioDevices();
  const phone = new PhoneController({
    fetchTicket,
    createSocket: (firstTicket, onTicket, onTicketError) =>
      new TicketSocket({
        location,
        fetchTicket,
        createWebSocket: (url, protocol) => new WebSocket(url, protocol) as unknown as WebSocketLike,
        firstTicket,
        onTicket,
        onTicketError,
      }),
    createUa: createJsSipUa,
    media: devices,
    ring,
    lock: browserPhoneLock(`tandem-phone:${info.tenant.domain}:${info.agent?.extension ?? info.user.id}`),
    onSessionEnded: () => session.endedRemotely(),
    autoAnswer: info.config.autoAnswer === true,
  });
  return { phone, devices, loadDirectory: () => session.authorized(() => api.agentDirectory()) };
};

// One beep and notifier for the page. After a reload nobody clicked "Sign in", so the first click
// or key press anywhere unlocks the audio.
const alerts = browserAlerts();
for (const type of ['pointerdown', 'keydown'] as const) {
  document.addEventListener(type, () => alerts.ringer.unlock(), { capture: true, passive: true });
}

render(
  <App session={session} createLive={createLive} createPhone={createPhone} alerts={alerts} />,
  document.getElementById('app')!,
);
