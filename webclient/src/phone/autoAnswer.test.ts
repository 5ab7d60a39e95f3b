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
