// The agent's callbacks: the agenda (open ones, soonest first), the due reminders and the one-click dial.
import { describeError } from '../api/client';
import type { Callback, CallbackFields, Id, PushServerMessage } from '../api/types';
import { realTimers, type Timers } from '../push/pushClient';
import { Store } from '../util/store';
import { dueOnes, sortCallbacks, upsert, without } from './agenda';

export interface CallbackApi {
  list(): Promise<{ callbacks: Callback[] }>;
  create(fields: CallbackFields): Promise<Callback>;
  update(id: Id, fields: CallbackFields): Promise<Callback>;
  cancel(id: Id): Promise<void>;
  dial(id: Id): Promise<{ callId: string }>;
}

/** What the controller needs of the live session (LiveController). */
export interface CallbackLivePort {
  onMessage(listener: (msg: PushServerMessage) => void): () => void;
  onReconnected(listener: () => void): () => void;
  authorized<T>(call: () => Promise<T>): Promise<T>;
}

export interface CallbacksView {
  callbacks: Callback[];
  /** Due callbacks the agent has not dismissed or dialled: the reminders shown. */
  reminders: Callback[];
  /** The callback being dialled. */
  dialling: Id | null;
  alert: string | null;
  loaded: boolean;
}

export interface CallbacksDeps {
  api: CallbackApi;
  live: CallbackLivePort;
  /** The server's clock, estimated (local clock + skew). */
  now: () => number;
  /** Shows a desktop notification for a reminder that just appeared. */
  notify?: (c: Callback) => void;
  timers?: Timers;
}

/** How often due times are checked against the clock (the server also pushes `callback.due`). */
export const DUE_CHECK_MS = 1000;

export class CallbacksController {
  readonly view = new Store<CallbacksView>({
    callbacks: [],
    reminders: [],
    dialling: null,
    alert: null,
    loaded: false,
  });
  private readonly dismissed = new Set<Id>();
  /** Reminders already notified, so each notifies once. */
  private readonly notified = new Set<Id>();
  /** Callbacks the server said are due (its clock counts, not ours). */
  private readonly forcedDue = new Set<Id>();
  private readonly timers: Timers;
  private unsubscribe: Array<() => void> = [];
  private timer: unknown = null;
  private stopped = false;

  constructor(private readonly deps: CallbacksDeps) {
    this.timers = deps.timers ?? realTimers;
  }

  start(): void {
    this.unsubscribe.push(this.deps.live.onMessage((m) => this.onPush(m)));
    this.unsubscribe.push(this.deps.live.onReconnected(() => void this.load()));
    void this.load();
    this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe.forEach((u) => u());
    this.unsubscribe = [];
    if (this.timer != null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  async load(): Promise<void> {
    try {
      const { callbacks } = await this.deps.live.authorized(() => this.deps.api.list());
      this.setList(sortCallbacks(callbacks ?? []), { loaded: true });
    } catch (e) {
      this.patch({ alert: describeError(e), loaded: true });
    }
  }

  /** Schedules a callback; resolves true once saved. */
  create(fields: CallbackFields): Promise<boolean> {
    return this.act(async () => {
      const c = await this.deps.live.authorized(() => this.deps.api.create(fields));
      this.setList(upsert(this.view.get().callbacks, c));
    });
  }

  update(id: Id, fields: CallbackFields): Promise<boolean> {
    return this.act(async () => {
      const c = await this.deps.live.authorized(() => this.deps.api.update(id, fields));
      this.dismissed.delete(id);
      this.notified.delete(id);
      this.setList(upsert(this.view.get().callbacks, c));
    });
  }

  cancel(id: Id): Promise<boolean> {
    return this.act(async () => {
      await this.deps.live.authorized(() => this.deps.api.cancel(id));
      this.setList(without(this.view.get().callbacks, id));
    });
  }

  /** "Call now": the server rings the agent's phone, then dials the number; the callback is then done. */
  async dial(id: Id): Promise<boolean> {
    if (this.view.get().dialling != null) return false;
    this.patch({ dialling: id, alert: null });
    try {
      await this.deps.live.authorized(() => this.deps.api.dial(id));
      this.setList(without(this.view.get().callbacks, id));
      return true;
    } catch (e) {
      this.patch({ alert: describeError(e) });
      return false;
    } finally {
      this.patch({ dialling: null });
    }
  }

  dismiss(id: Id): void {
    this.dismissed.add(id);
    this.refreshReminders();
  }

  clearAlert(): void {
    this.patch({ alert: null });
  }

  private async act(work: () => Promise<void>): Promise<boolean> {
    this.patch({ alert: null });
    try {
      await work();
      return true;
    } catch (e) {
      this.patch({ alert: describeError(e) });
      return false;
    }
  }

  private onPush(msg: PushServerMessage): void {
    if (msg.type !== 'callback.due' || !msg.callback) return;
    const due = msg.callback;
    this.dismissed.delete(due.id);
    this.setList(upsert(this.view.get().callbacks, due), {}, [due.id]);
  }

  private tick(): void {
    if (this.stopped) return;
    this.refreshReminders();
    this.timer = this.timers.setTimeout(() => this.tick(), DUE_CHECK_MS);
  }

  private setList(callbacks: Callback[], extra: Partial<CallbacksView> = {}, forceDue: Id[] = []): void {
    forceDue.forEach((id) => this.forcedDue.add(id));
    this.patch({ callbacks, ...extra });
    this.refreshReminders();
  }

  private refreshReminders(): void {
    const { callbacks, reminders } = this.view.get();
    const now = this.deps.now();
    const due = dueOnes(callbacks, now, this.dismissed);
    const forced = callbacks.filter((c) => this.forcedDue.has(c.id) && !this.dismissed.has(c.id) && !due.includes(c));
    const next = [...due, ...forced];
    for (const c of next) {
      if (!this.notified.has(c.id)) {
        this.notified.add(c.id);
        this.deps.notify?.(c);
      }
    }
    const same = next.length === reminders.length && next.every((c, i) => c === reminders[i]);
    if (!same) this.patch({ reminders: next });
  }

  private patch(p: Partial<CallbacksView>): void {
    if (this.stopped) return;
    this.view.update((v) => ({ ...v, ...p }));
  }
}

/** The callback endpoints over the app's API client. */
export function callbackApi(api: { request<T>(method: string, url: string, body?: unknown): Promise<T> }): CallbackApi {
  const one = (id: Id) => `/api/callbacks/${encodeURIComponent(String(id))}`;
  return {
    list: () => api.request('GET', '/api/callbacks'),
    create: (fields) => api.request('POST', '/api/callbacks', fields),
    update: (id, fields) => api.request('PUT', one(id), fields),
    cancel: async (id) => {
      await api.request<void>('DELETE', one(id));
    },
    dial: (id) => api.request('POST', `${one(id)}/dial`),
  };
}
