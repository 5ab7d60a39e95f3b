// Sort, filter and search of the team list. Pure, so 500 agents are a plain array operation.
import type { AgentStatus, Id } from '../api/types';
import type { TeamAgent } from './teamTypes';

export type StatusFilter = 'all' | 'ready' | 'not-ready' | 'on-call' | 'wrapup' | 'logged-in' | 'logged-out';
export type SortKey = 'name' | 'state' | 'time' | 'extension';

export interface TeamQuery {
  search: string;
  status: StatusFilter;
  /** null: every group. */
  groupId: Id | null;
  sort: SortKey;
  descending: boolean;
}

export const DEFAULT_QUERY: TeamQuery = { search: '', status: 'all', groupId: null, sort: 'state', descending: false };

export const STATUS_FILTER_TEXT: Record<StatusFilter, string> = {
  all: 'Everyone',
  'logged-in': 'Logged in',
  ready: 'Ready',
  'not-ready': 'Not Ready',
  'on-call': 'On a call',
  wrapup: 'Wrap-up',
  'logged-out': 'Logged out',
};

export const SORT_TEXT: Record<SortKey, string> = {
  state: 'State',
  name: 'Name',
  time: 'Time in state',
  extension: 'Extension',
};

/** Order of states when sorting by state: who needs attention first. */
const STATE_RANK: Record<AgentStatus, number> = {
  READY: 1,
  PENDING_NOT_READY: 2,
  WRAPUP: 3,
  NOT_READY: 4,
  LOGGED_OUT: 5,
};

export function matchesStatus(a: TeamAgent, filter: StatusFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'logged-in':
      return a.status !== 'LOGGED_OUT';
    case 'ready':
      return a.status === 'READY' && !a.call;
    case 'not-ready':
      return (a.status === 'NOT_READY' || a.status === 'PENDING_NOT_READY') && !a.call;
    case 'on-call':
      return a.call != null;
    case 'wrapup':
      return a.status === 'WRAPUP';
    case 'logged-out':
      return a.status === 'LOGGED_OUT';
  }
}

/** Case- and accent-insensitive search over name, extension, agent number, and the caller of the current call. */
export function matchesSearch(a: TeamAgent, search: string): boolean {
  const needle = fold(search.trim());
  if (!needle) return true;
  return [a.displayName, a.extension, a.agentNumber, a.call?.partyName ?? '', a.call?.partyNumber ?? ''].some((field) =>
    fold(field).includes(needle),
  );
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function selectAgents(agents: TeamAgent[], q: TeamQuery): TeamAgent[] {
  const rows = agents.filter(
    (a) =>
      matchesStatus(a, q.status) && (q.groupId == null || a.groupIds.includes(q.groupId)) && matchesSearch(a, q.search),
  );
  const byName = (a: TeamAgent, b: TeamAgent) => a.displayName.localeCompare(b.displayName) || a.agentId - b.agentId;
  const compare = (a: TeamAgent, b: TeamAgent): number => {
    switch (q.sort) {
      case 'name':
        return byName(a, b);
      case 'extension':
        return a.extension.localeCompare(b.extension, undefined, { numeric: true }) || byName(a, b);
      case 'time':
        // longest in state first
        return Date.parse(a.since) - Date.parse(b.since) || byName(a, b);
      case 'state':
        return stateRank(a) - stateRank(b) || Date.parse(a.since) - Date.parse(b.since) || byName(a, b);
    }
  };
  rows.sort((a, b) => (q.descending ? -compare(a, b) : compare(a, b)));
  return rows;
}

/** On a call ranks with Ready (both are working), before everything else. */
function stateRank(a: TeamAgent): number {
  return a.call ? 0 : STATE_RANK[a.status];
}
