// Pure time helpers: clock-skew correction and duration formatting.

/** serverTime - local clock at the moment a server view was received. */
export function clockSkewMs(serverTimeIso: string, receivedAtMs: number): number {
  const server = Date.parse(serverTimeIso);
  return Number.isNaN(server) ? 0 : server - receivedAtMs;
}

/** The server's "now", estimated from the local clock and a measured skew. */
export function serverNow(localNowMs: number, skewMs: number): number {
  return localNowMs + skewMs;
}

/** Whole seconds elapsed since `sinceIso` (server clock), never negative. */
export function elapsedSeconds(sinceIso: string, localNowMs: number, skewMs: number): number {
  const since = Date.parse(sinceIso);
  if (Number.isNaN(since)) return 0;
  return Math.max(0, Math.floor((serverNow(localNowMs, skewMs) - since) / 1000));
}

/** Whole seconds left until `untilIso` (server clock), rounded up, never negative. */
export function remainingSeconds(untilIso: string, localNowMs: number, skewMs: number): number {
  const until = Date.parse(untilIso);
  if (Number.isNaN(until)) return 0;
  return Math.max(0, Math.ceil((until - serverNow(localNowMs, skewMs)) / 1000));
}

/** `m:ss` under an hour, `h:mm:ss` from an hour on. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}
