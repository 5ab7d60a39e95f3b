import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error JsSIP's parser has no type declarations
import { parseMessage } from 'jssip/lib/Parser';
import { describe, expect, it } from 'vitest';
import { asksToAnswerNow, autoAnswers } from './autoAnswer';

describe('auto-answer of click-to-dial calls', () => {
  it('reads answer-after=0 in Call-Info, as the server has Asterisk add it (a URI first, issue 15)', () => {
    expect(asksToAnswerNow('<sip:127.0.0.1>;answer-after=0')).toBe(true);
    expect(asksToAnswerNow(';answer-after=0')).toBe(true);
    expect(asksToAnswerNow('<http://x>;purpose=info; Answer-After = 0')).toBe(true);
  });

  it('ignores other delays, other parameters and a missing header', () => {
    expect(asksToAnswerNow(';answer-after=5')).toBe(false);
    expect(asksToAnswerNow(';answer-after=05x')).toBe(false);
    expect(asksToAnswerNow('<http://x>;purpose=icon')).toBe(false);
    expect(asksToAnswerNow(undefined)).toBe(false);
    expect(asksToAnswerNow('')).toBe(false);
  });

  it('answers by itself only when the tenant enabled it', () => {
    expect(autoAnswers(true, '<sip:127.0.0.1>;answer-after=0')).toBe(true);
    expect(autoAnswers(false, '<sip:127.0.0.1>;answer-after=0')).toBe(false);
    expect(autoAnswers(true, null)).toBe(false);
  });
});

describe('auto-answer of the INVITE exactly as Asterisk sends it', () => {
  // Trace 11 is Asterisk 22's INVITE for an Originate; the server now has it add `<sip:127.0.0.1>;answer-after=0`,
  // so the recorded `Call-Info: ;answer-after=0` line is replaced by that one, and the whole message is parsed by
  // JsSIP's own parser, as the webphone receives it (the phone reads `request.getHeader('Call-Info')`).
  const trace = readFileSync(resolve(__dirname, '../../../testdata/sip-traces/11-originate-auto-answer.sip'), 'utf8');
  const invite = (callInfo: string) => {
    const body = trace.split('\n').filter((l) => !l.startsWith('#'));
    const start = body.findIndex((l) => l.startsWith('INVITE '));
    const text = body.slice(start).join('\r\n').trimEnd() + '\r\n';
    return text.replace('Call-Info: ;answer-after=0', callInfo);
  };

  it('answers the INVITE carrying Call-Info: <sip:127.0.0.1>;answer-after=0', () => {
    const message = parseMessage(invite('Call-Info: <sip:127.0.0.1>;answer-after=0'), {} as never);
    expect(message).toBeTruthy();
    expect(message!.getHeader('Call-Info')).toBe('<sip:127.0.0.1>;answer-after=0');
    expect(autoAnswers(true, message!.getHeader('Call-Info'))).toBe(true);
  });

  it('does not answer the same INVITE without the header', () => {
    const message = parseMessage(invite('X-Other: 1'), {} as never);
    expect(autoAnswers(true, message!.getHeader('Call-Info'))).toBe(false);
  });
});
