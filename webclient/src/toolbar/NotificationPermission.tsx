import { useState } from 'preact/hooks';
import type { RingNotifier } from '../alerts/notifier';

/**
 * "Enable call notifications" while the browser has never been asked (e.g. a session restored by a
 * reload, where no login click could ask). Hidden once granted or denied, or when the tenant turned
 * ringing notifications off.
 */
export function NotificationPermission({
  notifier,
  enabled,
}: {
  notifier: Pick<RingNotifier, 'permission' | 'requestPermission'>;
  enabled: boolean;
}) {
  const [permission, setPermission] = useState(notifier.permission);
  if (!enabled || permission !== 'default') return null;
  return (
    <button type="button" class="link-button" onClick={async () => setPermission(await notifier.requestPermission())}>
      Enable call notifications
    </button>
  );
}
