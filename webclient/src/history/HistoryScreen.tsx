import { useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import type { DirectoryEntry, SessionInfo } from '../api/types';
import type { LiveController } from '../live/liveController';
import { CallHistoryPage, type NamedOption } from './CallHistoryPage';
import { historyApi } from './historyApi';

interface Props {
  session: SessionInfo;
  live: LiveController;
}

/**
 * The call history of the signed-in user, wired to the API: supervisors and admins filter by agent and queue;
 * an agent sees its own calls (the server decides either way).
 */
export function HistoryScreen({ session, live }: Props) {
  const [deps] = useState(() => {
    const client = new ApiClient(() => live.currentToken());
    const request = <T,>(method: string, url: string, body?: unknown) =>
      live.authorized(() => client.request<T>(method, url, body));
    const staff = session.user.role !== 'agent';
    return {
      api: historyApi(request),
      agents: staff
        ? () =>
            request<DirectoryEntry[]>('GET', '/api/agents/directory').then((list) =>
              list.map((a): NamedOption => ({ value: String(a.agentId), label: `${a.displayName} (${a.extension})` })),
            )
        : undefined,
      queues: staff
        ? () =>
            request<{ queues: { name: string; label: string }[] }>('GET', '/api/queues').then((r) =>
              r.queues.map((q): NamedOption => ({ value: q.name, label: q.label })),
            )
        : undefined,
    };
  });
  return (
    <CallHistoryPage
      api={deps.api}
      agents={deps.agents}
      queues={deps.queues}
      dispositions={session.config.dispositions ?? []}
      dataKeys={session.config.attachedDataKeys ?? []}
    />
  );
}
