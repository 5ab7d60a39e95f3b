#!/usr/bin/env python3
"""Composes 18-reattach-composed.ami (reload survival) from the field shapes of the real traces 10b and 15.

No real trace of the hold-and-reattach sequence exists yet. This script takes trace 10b (a queue call answered by
Alice, then an AMI Redirect of the customer's channel) up to its Redirect, puts the server's own actions in its place
(Setvar + Redirect into acme-reattach), keeps 10b's real reaction to a Redirect (the customer leaves the bridge,
Alice's leg is left alone and hangs up, the bridge is destroyed) with the customer's dialplan location rewritten to
the holding context, and then composes the reattach: Originate (shapes of trace 15), Setvar, Bridge (shapes of 10b's
BridgeCreate/BridgeEnter), the end of the call (10b's Hangup and AgentComplete shapes). Run it from this folder:
    python3 reattach.py > ../18-reattach-composed.ami
"""
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = (HERE / ".." / "10b-redirect-to-queue.ami").read_text(encoding="utf-8").split("\n")

CUSTOMER = "PJSIP/pstn-00000000"
CALL_ID = "1795315496.0"
OLD_LEG = "PJSIP/acme-1001-00000001"
NEW_LEG = "PJSIP/acme-1001-00000003"
NEW_ID = "1795315496.3"


def entries(lines):
    """(marker, [lines]) for every frame; (None, [line]) for notes and the header."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("<<< ") or line.startswith(">>> "):
            body, i = [], i + 1
            while i < len(lines) and lines[i] != "":
                body.append(lines[i])
                i += 1
            out.append((line, body))
        elif line.startswith("#"):
            out.append((None, [line]))
        i += 1
    return out


def field(body, name):
    for l in body:
        if l.startswith(name + ": "):
            return l[len(name) + 2:]
    return None


def replace(body, name, value):
    return [name + ": " + value if l.startswith(name + ": ") else l for l in body]


def frame(marker, lines):
    return marker + "\n" + "\n".join(lines) + "\n"


all_entries = entries(SRC)
redirect_at = next(i for i, (m, b) in enumerate(all_entries) if m and m.startswith(">>>") and field(b, "Action") == "Redirect")
bob_starts = next(i for i, (m, b) in enumerate(all_entries) if m and field(b, "Event") == "Newchannel"
                  and field(b, "Channel") == "PJSIP/acme-1002-00000002")
template_customer = next(b for m, b in all_entries[redirect_at:] if m and field(b, "Channel") == CUSTOMER
                         and field(b, "Event") == "Newexten")
vars_of_customer = [l for l in template_customer if l.startswith("ChanVariable: ")]
bridge_create = next(b for m, b in all_entries if m and field(b, "Event") == "BridgeCreate")
bridge_enters = [b for m, b in all_entries if m and field(b, "Event") == "BridgeEnter"][:2]
old_hangup = next(b for m, b in all_entries if m and field(b, "Event") == "Hangup" and field(b, "Channel") == OLD_LEG)
customer_hangup = next(b for m, b in all_entries if m and field(b, "Event") == "Hangup" and field(b, "Channel") == CUSTOMER)
alice_complete = [b for m, b in all_entries if m and field(b, "Event") == "AgentComplete"
                  and field(b, "Interface") == "PJSIP/acme-1001"][0]

out = []
out.append("# scenario: reattach-composed (reload survival: hold the customer, take the call back on a new leg)")
out.append("# what happens: COMPOSED, not recorded (see README). Alice answers a queue call (10b, real); her page goes away;")
out.append("#   the server sends Setvar TANDEM_REATTACH_GRACE and Redirect of the CUSTOMER into acme-reattach,acme-support,1;")
out.append("#   Alice's old leg, left alone in the bridge, hangs up (10b's real reaction to its Redirect). Her reloaded page")
out.append("#   asks for the call back: Originate PJSIP/acme-1001 into acme-reattach,agent,1 with X-Tandem-Reattach, answered;")
out.append("#   Setvar TANDEM_REATTACHED=1 and Bridge customer + new leg; later Alice hangs up the new leg, the customer's")
out.append("#   call ends and app_queue's AgentComplete for Alice's first session (Reason: caller) follows, as in 10b")
out.append("# asterisk: frames composed from the field shapes of 10b-redirect-to-queue and 15-originate-click-to-dial (22.10.1)")
out.append("# actors: customer PJSIP/pstn-00000000, Alice PJSIP/acme-1001 (old leg -00000001, new leg -00000003)")
out.append("")
for m, b in all_entries[:redirect_at]:
    if m is None:
        continue  # 10b's own header is replaced by the one above
    out.append(frame(m, b))

# the server's hold: Setvar + Redirect (ActionIDs 4 and 5; 10b's Redirect was 4)
out.append(frame(">>> +5.268", ["Action: Setvar", "ActionID: 4", "Channel: " + CUSTOMER,
                                "Variable: TANDEM_REATTACH_GRACE", "Value: 60"]))
out.append(frame("<<< +5.269", ["Response: Success", "ActionID: 4", "Message: Variable Set"]))
out.append(frame(">>> +5.269", ["Action: Redirect", "ActionID: 5", "Channel: " + CUSTOMER, "Context: acme-reattach",
                                "Exten: acme-support", "Priority: 1"]))
out.append(frame("<<< +5.270", ["Response: Success", "ActionID: 5", "Message: Redirect successful"]))

# 10b's reaction to the Redirect, the customer now in the holding context instead of Queue()
seen_queue_app = False
skipping = False
for m, b in all_entries[redirect_at + 2:bob_starts]:
    if m is None or m.startswith(">>>"):
        continue
    ev, ch = field(b, "Event"), field(b, "Channel")
    if ch == CUSTOMER and ev == "Newexten":
        if not seen_queue_app:
            seen_queue_app = True
            b = replace(replace(replace(b, "Context", "acme-reattach"), "Exten", "acme-support"), "Priority", "1")
            b = replace(replace(replace(b, "Extension", "acme-support"), "Application", "Gosub"),
                        "AppData", "tandem-reattach,s,1(acme,acme-support)")
            out.append(frame(m, b))
            for prio, app, data in (("1", "NoOp", "Tandem: " + CUSTOMER + " of call " + CALL_ID + " waits 60 s for its agent"),
                                    ("2", "MusicOnHold", ",60")):
                nb = replace(replace(replace(b, "Context", "tandem-reattach"), "Exten", "s"), "Priority", prio)
                nb = replace(replace(replace(nb, "Extension", "s"), "Application", app), "AppData", data)
                out.append(frame(m, nb))
        else:
            skipping = True  # Queue()'s own start and its VarSets: not in this dialplan
        continue
    if ch == CUSTOMER and ev == "QueueCallerJoin":
        continue
    if ch == CUSTOMER and ev == "MusicOnHoldStart":
        skipping = False
        b = replace(replace(replace(b, "Context", "tandem-reattach"), "Exten", "s"), "Priority", "2")
        out.append(frame(m, b))
        continue
    if skipping and ch == CUSTOMER:
        continue
    out.append(frame(m, b))

out.append("# +7.000 composed from here on: Alice's reloaded page registers and asks for the call back")
out.append("")


def leg(ev, t, state, desc, extra=(), context="acme-reattach", exten="agent", prio="1", callid=CALL_ID, tenant="acme"):
    lines = ["Event: " + ev, "Privilege: call,all", "Channel: " + NEW_LEG, "ChannelState: " + state,
             "ChannelStateDesc: " + desc, "CallerIDNum: 1001", "CallerIDName: Alice Agent",
             "ConnectedLineNum: +14155550123", "ConnectedLineName: Jane Customer", "Language: en", "AccountCode: ",
             "Context: " + context, "Exten: " + exten, "Priority: " + prio, "Uniqueid: " + NEW_ID, "Linkedid: " + NEW_ID]
    lines += [l for l in vars_of_customer if not re.match(r"ChanVariable: CC_(TENANT|CALLID)=", l) and False]
    lines += ["ChanVariable: CC_VAR%d=" % i for i in range(1, 11)]
    lines += ["ChanVariable: CC_TENANT=" + tenant, "ChanVariable: CC_CALLID=" + callid]
    return frame("<<< " + t, lines + list(extra))


out.append(frame(">>> +7.000", ["Action: Originate", "ActionID: 6", "Channel: PJSIP/acme-1001", "Context: acme-reattach",
                                "Exten: agent", "Priority: 1", "CallerID: \"Jane Customer\" <agent>", "Timeout: 10000",
                                "Async: true", "Variable: __CC_TENANT=acme", "Variable: __CC_CALLID=" + CALL_ID,
                                "Variable: PJSIP_HEADER(add,X-Tandem-Reattach)=" + CALL_ID,
                                "Variable: PJSIP_HEADER(add,Call-Info)=<sip:127.0.0.1>;answer-after=0"]))
out.append(frame("<<< +7.001", ["Response: Success", "ActionID: 6", "Message: Originate successfully queued"]))
out.append(leg("Newchannel", "+7.001", "0", "Down", context="acme-agents", exten="s", callid="", tenant=""))
out.append(leg("VarSet", "+7.001", "0", "Down", ["Variable: __CC_TENANT", "Value: acme"], context="acme-agents",
               exten="s", callid=""))
out.append(leg("VarSet", "+7.001", "0", "Down", ["Variable: __CC_CALLID", "Value: " + CALL_ID], context="acme-agents",
               exten="s"))
out.append(leg("Newstate", "+7.004", "5", "Ringing", context="acme-agents", exten="s"))
out.append(leg("Newstate", "+7.350", "6", "Up", context="acme-agents", exten="s"))
out.append(frame("<<< +7.351", ["Event: OriginateResponse", "Privilege: call,all", "ActionID: 6", "Response: Success",
                                "Channel: " + NEW_LEG, "Context: acme-reattach", "Exten: agent", "Reason: 4",
                                "Uniqueid: " + NEW_ID, "CallerIDNum: agent", "CallerIDName: Jane Customer"]))
out.append(leg("Newexten", "+7.351", "6", "Up", ["Extension: agent", "Application: Gosub",
                                                  "AppData: tandem-reattach-agent,s,1()"]))
out.append(leg("Newexten", "+7.351", "6", "Up", ["Extension: s", "Application: Wait", "AppData: 20"],
               context="tandem-reattach-agent", exten="s", prio="2"))
out.append(frame(">>> +7.352", ["Action: Setvar", "ActionID: 7", "Channel: " + CUSTOMER, "Variable: TANDEM_REATTACHED",
                                "Value: 1"]))
out.append(frame("<<< +7.352", ["Response: Success", "ActionID: 7", "Message: Variable Set"]))
out.append(frame(">>> +7.353", ["Action: Bridge", "ActionID: 8", "Channel1: " + CUSTOMER, "Channel2: " + NEW_LEG,
                                "Tone: false"]))
out.append(frame("<<< +7.354", ["Response: Success", "ActionID: 8", "Message: Channels have been bridged"]))
bridge_id = "5f0c2d9e-3b7a-4c1e-9d2f-reattach0001"
out.append(frame("<<< +7.354", replace(bridge_create, "BridgeUniqueid", bridge_id)))
first = replace(replace(bridge_enters[0], "BridgeUniqueid", bridge_id), "BridgeNumChannels", "1")
out.append(frame("<<< +7.354", first))
second = replace(bridge_enters[1], "BridgeUniqueid", bridge_id)
second = [l for l in second if not l.startswith("ChanVariable: ")]
second = replace(replace(replace(second, "Channel", NEW_LEG), "Uniqueid", NEW_ID), "Linkedid", NEW_ID)
second = replace(replace(replace(second, "Context", "tandem-reattach-agent"), "Exten", "s"), "Priority", "2")
second += ["ChanVariable: CC_VAR%d=" % i for i in range(1, 11)] + ["ChanVariable: CC_TENANT=acme",
                                                                 "ChanVariable: CC_CALLID=" + CALL_ID]
out.append(frame("<<< +7.354", second))

# Alice hangs up the new leg ~3 s later; the customer's call ends in the dialplan (TANDEM_REATTACHED=1)
hangup = [l for l in old_hangup if not l.startswith("ChanVariable: ")]
hangup = replace(replace(replace(hangup, "Channel", NEW_LEG), "Uniqueid", NEW_ID), "Linkedid", NEW_ID)
hangup = replace(replace(replace(hangup, "Context", "tandem-reattach-agent"), "Exten", "s"), "Priority", "2")
cause_at = next(i for i, l in enumerate(hangup) if l.startswith("Cause: "))
hangup = hangup[:cause_at] + ["ChanVariable: CC_VAR%d=" % i for i in range(1, 11)] + [
    "ChanVariable: CC_TENANT=acme", "ChanVariable: CC_CALLID=" + CALL_ID] + hangup[cause_at:]
out.append(frame("<<< +10.300", hangup))
out.append(frame("<<< +10.310", replace(replace(replace(customer_hangup, "Context", "tandem-reattach"), "Exten", "s"),
                                        "Priority", "5")))
out.append(frame("<<< +10.312", alice_complete))
out.append(frame(">>> +12.612", ["Action: Logoff", "ActionID: 9"]))
out.append(frame("<<< +12.612", ["Response: Goodbye", "ActionID: 9", "Message: Thanks for all the fish."]))
out.append("# +12.613 connection closed by Asterisk (EOF)")
out.append("")
sys.stdout.write("\n".join(out))
