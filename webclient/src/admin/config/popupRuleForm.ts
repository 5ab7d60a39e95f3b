import type { Id } from '../../api/types';
import type { FieldMessages } from '../adminErrors';
import type { PopupRule, PopupRuleFields } from '../adminTypes';

export interface PopupValues {
  queueId: Id | null;
  callKind: PopupRule['callKind'];
  trigger: PopupRule['trigger'];
  urlTemplate: string;
  active: boolean;
}

export const emptyPopup = (): PopupValues => ({
  queueId: null,
  callKind: 'inbound',
  trigger: 'ring',
  urlTemplate: '',
  active: true,
});

export const popupValues = (r: PopupRule): PopupValues => ({
  queueId: r.queueId,
  callKind: r.callKind,
  trigger: r.trigger,
  urlTemplate: r.urlTemplate,
  active: r.active,
});

export const POPUP_FIELDS = new Set(['queueId', 'callKind', 'trigger', 'urlTemplate', 'active']);

/** The template must be an http(s) URL once expanded; placeholders such as {callerNumber} are allowed after the host (the server checks the rest). */
export function validatePopup(v: PopupValues): FieldMessages {
  const e: FieldMessages = {};
  const t = v.urlTemplate.trim();
  if (!/^https?:\/\/\S+$/i.test(t)) e.urlTemplate = 'Enter an http:// or https:// address.';
  else if (t.length > 2048) e.urlTemplate = 'An address template has at most 2048 characters.';
  return e;
}

export function popupBody(v: PopupValues, original: PopupRule | null): PopupRuleFields {
  const next = { ...v, urlTemplate: v.urlTemplate.trim() };
  if (!original) return next;
  const p: PopupRuleFields = {};
  for (const k of Object.keys(next) as (keyof PopupValues)[]) {
    if (next[k] !== original[k]) (p as Record<string, unknown>)[k] = next[k];
  }
  return p;
}
