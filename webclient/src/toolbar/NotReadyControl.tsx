import { useState } from 'preact/hooks';
import type { Reason } from '../api/types';

interface Props {
  reasons: Reason[];
  /** The current reason, not offered again. */
  currentCode: string | null;
  busy: boolean;
  onSelect: (code: string) => void;
}

/** A reason picker and the Not Ready button. */
export function NotReadyControl({ reasons, currentCode, busy, onSelect }: Props) {
  const offered = reasons.filter((r) => r.code !== currentCode);
  const [code, setCode] = useState('');
  const selected = offered.some((r) => r.code === code) ? code : (offered[0]?.code ?? '');
  if (offered.length === 0) return null;
  return (
    <form
      class="not-ready"
      onSubmit={(e) => {
        e.preventDefault();
        if (selected) onSelect(selected);
      }}
    >
      <label for="not-ready-reason">Not Ready reason</label>
      <select
        id="not-ready-reason"
        value={selected}
        onChange={(e) => setCode((e.currentTarget as HTMLSelectElement).value)}
      >
        {offered.map((r) => (
          <option key={r.code} value={r.code}>
            {r.label}
          </option>
        ))}
      </select>
      <button type="submit" disabled={busy}>
        Not Ready
      </button>
    </form>
  );
}
