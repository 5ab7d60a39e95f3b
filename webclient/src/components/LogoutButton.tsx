import { useState } from 'preact/hooks';
import { describeError } from '../api/client';

interface Props {
  onLogout: () => Promise<void>;
  /** Receives the server's refusal (e.g. "agent is on a call") for the page's alert region. */
  onError: (message: string) => void;
}

export function LogoutButton({ onLogout, onError }: Props) {
  const [busy, setBusy] = useState(false);
  async function click() {
    setBusy(true);
    try {
      await onLogout();
    } catch (e) {
      onError(describeError(e));
      setBusy(false);
    }
  }
  return (
    <button type="button" class="logout" onClick={click} disabled={busy}>
      {busy ? 'Logging out…' : 'Logout'}
    </button>
  );
}
