import { RingNotifier, browserNotification } from './notifier';
import { Ringer, browserAudioContext } from './ringer';

/** The page's ring beep and desktop notifications: one of each for the whole page (all sign-ins). */
export interface Alerts {
  ringer: Ringer;
  notifier: RingNotifier;
}

export function browserAlerts(): Alerts {
  return {
    ringer: new Ringer({ createContext: browserAudioContext }),
    notifier: new RingNotifier(browserNotification(), () => window.focus()),
  };
}

/**
 * Call from a user gesture (the login click): browsers only let audio start and ask for the
 * notification permission in response to one.
 */
export function prepareAlertsOnGesture(alerts: Alerts): void {
  alerts.ringer.unlock();
  void alerts.notifier.requestPermission();
}
