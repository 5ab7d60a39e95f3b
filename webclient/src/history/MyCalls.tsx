import { useState } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import type { LiveController } from '../live/liveController';
import { HistoryScreen } from './HistoryScreen';

/** The agent page's way to its own call history: folded until asked for, then loaded. */
export function MyCalls({ session, live }: { session: SessionInfo; live: LiveController }) {
  const [open, setOpen] = useState(false);
  return (
    <section class="card my-calls" aria-label="My calls">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide my calls' : 'My calls'}
      </button>
      {open && <HistoryScreen session={session} live={live} />}
    </section>
  );
}
