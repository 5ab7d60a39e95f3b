import type { ApiClient } from '../api/client';
import type { AgentStateView, Id } from '../api/types';
import type { SupervisorApi } from './teamController';
import type { MonitorState, SpyMode, TeamSnapshot } from './teamTypes';

/** The supervisor endpoints over the app's API client. */
export function supervisorApi(api: ApiClient): SupervisorApi {
  const agent = (id: Id, action: string) => `/api/supervisor/agents/${encodeURIComponent(String(id))}/${action}`;
  return {
    getTeam: () => api.request<TeamSnapshot>('GET', '/api/supervisor/team'),
    setAgentState: (id, req) => api.request<AgentStateView>('POST', agent(id, 'state'), req),
    logoutAgent: async (id) => {
      await api.request<void>('POST', agent(id, 'logout'));
    },
    monitor: (id, mode: SpyMode) => api.request<MonitorState>('POST', agent(id, 'monitor'), { mode }),
    stopMonitor: (id) => api.request<MonitorState>('DELETE', agent(id, 'monitor')),
  };
}
