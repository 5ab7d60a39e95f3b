import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError } from '../../api/client';
import type { DirectoryEntry } from '../../api/types';
import { statusText } from '../../agent/presentation';
import { colleagueDialPermission, type PhoneView } from '../phoneState';

export const DIRECTORY_REFRESH_MS = 15_000;

interface Props {
  load: () => Promise<DirectoryEntry[]>;
  ownAgentId: number;
  phone: PhoneView;
  onCall: (extension: string) => void;
}

/** The tenant's agents (GET /api/agents/directory) to call; only Ready colleagues can be called. */
export function Directory({ load, ownAgentId, phone, onCall }: Props) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<DirectoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setEntries(await load());
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, [load]);

  useEffect(() => {
    if (!open) return;
    void refresh();
    const id = setInterval(() => void refresh(), DIRECTORY_REFRESH_MS);
    return () => clearInterval(id);
  }, [open, refresh]);

  return (
    <details class="directory" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>Colleagues</summary>
      {error && <p class="error">{error}</p>}
      {entries == null && !error && <p class="muted">Loading…</p>}
      {entries && (
        <ul class="directory-list" aria-label="Colleagues">
          {entries.map((c) => {
            const permission = colleagueDialPermission(c, ownAgentId, phone);
            const whyId = `directory-why-${c.agentId}`;
            return (
              <li key={c.agentId} data-extension={c.extension}>
                <span class="directory-name">
                  {c.displayName}
                  {c.agentId === ownAgentId && <span class="muted"> (you)</span>}
                </span>
                <span class="directory-ext">{c.extension}</span>
                <span class={`directory-status status-${c.status.toLowerCase()}`}>
                  {statusText({ status: c.status, reason: null })}
                </span>
                <button
                  type="button"
                  disabled={!permission.allowed}
                  title={permission.allowed ? undefined : permission.why}
                  aria-label={`Call ${c.displayName} (${c.extension})`}
                  aria-describedby={permission.allowed ? undefined : whyId}
                  onClick={() => onCall(c.extension)}
                >
                  Call
                </button>
                {!permission.allowed && (
                  <span id={whyId} class="visually-hidden">
                    {permission.why}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" class="link-button" onClick={() => void refresh()}>
        Refresh
      </button>
    </details>
  );
}
