// Wire types of the supervisor API (/api/supervisor/*) and its push messages (docs/api.md).
import type { AgentStatus, CallKind, CallState, Id, Reason } from '../api/types';

export interface TeamCall {
  callId: string;
  kind: CallKind;
  state: CallState;
  /** When the call entered its current state. */
  since: string;
  /** When it started ringing (or dialling). */
  startedAt: string | null;
  answeredAt: string | null;
  queue: { name: string; label: string } | null;
  partyNumber: string;
  partyName: string;
}

/** One agent of the team view. */
export interface TeamAgent {
  agentId: Id;
  displayName: string;
  agentNumber: string;
  extension: string;
  groupIds: Id[];
  status: AgentStatus;
  reason: Reason | null;
  since: string;
  wrapupEndsAt: string | null;
  call: TeamCall | null;
  /** null: not known (no registration event seen yet). */
  phoneRegistered: boolean | null;
  browserConnected: boolean;
  /** How many pages (tabs, devices) of the agent are open; absent from older servers. */
  browsers?: number;
  version: number;
}

/** The live figures of one group's queue. */
export interface TeamQueue {
  groupId: Id;
  name: string;
  queue: string;
  waiting: number;
  longestWaitSince: string | null;
  ready: number;
  busy: number;
  notReady: number;
  answered: number;
  abandoned: number;
  /** Percent answered within `serviceLevelSeconds`, null before the first call of the day. */
  serviceLevel: number | null;
  serviceLevelSeconds: number;
  averageWaitSeconds: number | null;
  averageTalkSeconds: number | null;
  version: number;
}

export interface TeamSnapshot {
  version: number;
  serverTime: string;
  agents: TeamAgent[];
  queues: TeamQueue[];
}

export type SpyMode = 'listen' | 'whisper' | 'barge';

export interface MonitorState {
  agentId: Id;
  mode: SpyMode | null;
  active: boolean;
}

export type TeamPushMessage =
  | { type: 'team.agent'; version: number; serverTime: string; agent: TeamAgent }
  | { type: 'team.queue'; version: number; serverTime: string; queue: TeamQueue }
  | { type: 'team.agent.removed'; version: number; serverTime: string; agentId: Id }
  | { type: 'team.queue.removed'; version: number; serverTime: string; groupId: Id }
  | { type: 'supervisor.monitor'; agentId: Id; mode: SpyMode; active: boolean };

/** Narrows a push message of any kind to the team view's. */
export function asTeamMessage(msg: { type: string }): TeamPushMessage | null {
  return msg.type === 'team.agent' ||
    msg.type === 'team.queue' ||
    msg.type === 'team.agent.removed' ||
    msg.type === 'team.queue.removed' ||
    msg.type === 'supervisor.monitor'
    ? (msg as TeamPushMessage)
    : null;
}
