// Click-to-dial rings the agent's own phone with `Call-Info: <sip:127.0.0.1>;answer-after=0` (RFC 7462 style, as
// Asterisk's PJSIP_HEADER adds it). The phone answers such a call by itself only when the tenant enabled
// auto-answer (session config `autoAnswer`), never otherwise. Pure.

/** Whether an incoming INVITE with this `Call-Info` header asks to be answered at once. */
export function asksToAnswerNow(callInfo: string | null | undefined): boolean {
  if (!callInfo) return false;
  return /(^|;)\s*answer-after\s*=\s*0\s*(;|,|$)/i.test(callInfo);
}

/** Whether the phone answers this incoming call by itself. */
export function autoAnswers(enabled: boolean, callInfo: string | null | undefined): boolean {
  return enabled && asksToAnswerNow(callInfo);
}
