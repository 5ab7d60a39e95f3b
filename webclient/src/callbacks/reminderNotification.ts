// Desktop notification of a due callback (when the agent allowed notifications); the toast is always shown.
import type { Callback } from '../api/types';
import type { NotificationCtor } from '../alerts/notifier';
import { who } from './agenda';

/** Shows "Callback due" for `c`, under a tag of its own so it never replaces a ringing call's notification. */
export function notifyDue(Ctor: NotificationCtor | null, focus: () => void, c: Callback): void {
  if (!Ctor || Ctor.permission !== 'granted') return;
  try {
    const n = new Ctor('Callback due', {
      body: `Call back ${who(c)}${c.note ? ` — ${c.note}` : ''}`,
      tag: `tandem-callback-${c.id}`,
    });
    n.onclick = () => {
      focus();
      n.close();
    };
  } catch {
    // some platforms allow notifications from a service worker only: the toast remains
  }
}
