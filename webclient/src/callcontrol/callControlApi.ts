import type { ApiClient } from '../api/client';
import type { DirectoryEntry } from '../api/types';
import type { CallControlApi, CurrentCallControl, QueueEntry } from './types';

/** The call-control endpoints over the API client (bearer token, problem+json errors). */
export function callControlApi(api: ApiClient): CallControlApi {
  const post = (path: string, body?: unknown) => api.request<unknown>('POST', `/api/calls/current${path}`, body);
  return {
    current: () => api.request<CurrentCallControl>('GET', '/api/calls/current'),
    transfer: (target) => post('/transfer', { target }),
    consult: (target) => post('/consult', { target }),
    completeConsult: () => post('/consult/complete'),
    cancelConsult: () => post('/consult/cancel'),
    conference: () => post('/consult/conference'),
    startRecording: () => post('/recording'),
    stopRecording: () => api.request<unknown>('DELETE', '/api/calls/current/recording'),
    recordingNote: (callId, note) =>
      api.request<unknown>('PUT', `/api/calls/${encodeURIComponent(callId)}/recording-note`, { note }),
    queues: async () => (await api.request<{ queues: QueueEntry[] }>('GET', '/api/queues')).queues,
    directory: () => api.request<DirectoryEntry[]>('GET', '/api/agents/directory'),
  };
}
