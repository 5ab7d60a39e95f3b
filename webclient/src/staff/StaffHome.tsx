import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import type { Id, SessionInfo } from '../api/types';
import { AlertRegion } from '../components/AlertRegion';
import { LogoutButton } from '../components/LogoutButton';
import { PageHeading } from '../components/PageHeading';
import type { LiveController } from '../live/liveController';
import { ConnectionIndicator } from '../toolbar/ConnectionIndicator';
import { useStore } from '../util/hooks';
import { AgentPanel } from './AgentPanel';
import type { PhoneKit } from '../phone/phoneKit';
import { QueueTiles } from './QueueTiles';
import { SupervisorPhone } from './SupervisorPhone';
import { supervisorApi } from './supervisorApi';
import { TeamController } from './teamController';
import { TeamFilters } from './TeamFilters';
import { DEFAULT_QUERY, selectAgents, type TeamQuery } from './teamQuery';
import { TeamTable } from './TeamTable';
import './supervisor.css';

const ROLE_TEXT = { agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator' } as const;

interface Props {
  session: SessionInfo;
  live: LiveController;
  /** The user's own webphone (monitoring), or null. */
  phone?: PhoneKit | null;
  onLogout: () => Promise<void>;
}

/** The supervisor's page (supervisors and admins): queue figures, the live team, interventions. */
export function StaffHome({ session, live, phone = null, onLogout }: Props) {
  const [team] = useState(() => new TeamController(supervisorApi(new ApiClient(() => live.currentToken())), live));
  useEffect(() => {
    team.start();
    return () => team.stop();
  }, [team]);
  const view = useStore(team.view);
  const liveView = useStore(live.view);
  const [query, setQuery] = useState<TeamQuery>(DEFAULT_QUERY);
  const [selected, setSelected] = useState<Id | null>(null);
  const [logoutAlert, setLogoutAlert] = useState<string | null>(null);

  const agents = useMemo(() => view.model.agents(), [view.revision, view.model]);
  const queues = useMemo(() => view.model.queues(), [view.revision, view.model]);
  const rows = useMemo(() => selectAgents(agents, query), [agents, query]);
  const selectedAgent = selected == null ? undefined : view.model.agentById(selected);

  return (
    <main class="staff-page supervisor-page">
      <header class="toolbar">
        <div class="identity">
          <PageHeading>{session.user.displayName}</PageHeading>
          <dl class="facts">
            <div>
              <dt>Role</dt>
              <dd>{ROLE_TEXT[session.user.role]}</dd>
            </div>
            <div>
              <dt>Tenant</dt>
              <dd title={session.tenant.domain}>{session.tenant.name}</dd>
            </div>
          </dl>
        </div>
        {phone && <SupervisorPhone phone={phone} team={team} />}
        <ConnectionIndicator status={liveView.connection} />
        <LogoutButton onLogout={onLogout} onError={setLogoutAlert} />
      </header>
      {view.status === 'loading' && (
        <p class="muted" role="status">
          Loading your team…
        </p>
      )}
      <QueueTiles queues={queues} skewMs={view.skewMs} />
      {selectedAgent && (
        <AgentPanel
          key={selectedAgent.agentId}
          agent={selectedAgent}
          reasons={session.config.notReadyReasons}
          busy={view.busyAgent != null}
          monitor={view.monitor}
          onReady={() => void team.ready(selectedAgent.agentId)}
          onNotReady={(code) => void team.notReady(selectedAgent.agentId, code)}
          onLogout={() => void team.logout(selectedAgent.agentId)}
          onMonitor={(mode) => void team.monitor(selectedAgent.agentId, mode)}
          onStopMonitor={() => void team.stopMonitor(selectedAgent.agentId)}
        />
      )}
      <section class="card team" aria-label="Team">
        <TeamFilters query={query} groups={queues} shown={rows.length} total={agents.length} onChange={setQuery} />
        <TeamTable rows={rows} skewMs={view.skewMs} selected={selected} monitor={view.monitor} onSelect={setSelected} />
      </section>
      <AlertRegion
        message={view.alert ?? logoutAlert}
        onDismiss={() => {
          team.dismissAlert();
          setLogoutAlert(null);
        }}
      />
    </main>
  );
}
