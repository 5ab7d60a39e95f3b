package io.tandemcc.call;

import io.tandemcc.db.WriteBehind;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.util.List;

/**
 * Attached data a CRM pushes ({@link AttachData}): the live call in the caller's scope takes it and
 * its agents see it at once; the call record (live or ended, in scope) stores it. Runs on the call
 * verticle's context.
 */
final class AttachedDataInbox {
  private final LiveCalls live;
  private final CallDirectory directory;
  private final CallRecords records;
  private final WriteBehind writes;
  private final EventBus bus;
  private final CallOffers offers = new CallOffers();

  AttachedDataInbox(
      LiveCalls live,
      CallDirectory directory,
      CallRecords records,
      WriteBehind writes,
      EventBus bus) {
    this.live = live;
    this.directory = directory;
    this.records = records;
    this.writes = writes;
    this.bus = bus;
  }

  void take(Message<AttachData> m) {
    AttachData a = m.body();
    LiveCall found = live.get(a.tenantId(), a.callId());
    // a live call outside the caller's scope is not touched; its record may still be in it (see
    // below)
    LiveCall c = found != null && a.scope().covers(found.queue, found.agents) ? found : null;
    if (c != null) {
      c.attachedData.putAll(a.values());
      directory
          .settings(a.tenantId())
          .onSuccess(
              settings ->
                  c.agents.forEach(
                      agentId ->
                          bus.publish(
                              CallAddresses.DATA_CHANGED,
                              new CallDataChanged(
                                  a.tenantId(),
                                  agentId,
                                  c.callId,
                                  offers.items(c.attachedData, settings)))));
    }
    int notified = c == null ? 0 : c.agents.size();
    records
        .find(a.tenantId(), a.callId())
        .onComplete(
            ar -> {
              boolean known =
                  c != null
                      || ar.succeeded()
                          && ar.result()
                              .filter(
                                  r ->
                                      a.scope()
                                          .covers(
                                              r.queue(),
                                              r.agentId() == null
                                                  ? List.of()
                                                  : List.of(r.agentId())))
                              .isPresent();
              if (known) {
                writes
                    .submit(
                        () -> "tenant " + a.tenantId() + ": attached data of " + a.callId(),
                        () -> records.attachBlocking(a.tenantId(), a.callId(), a.values(), "api"))
                    .onComplete(done -> m.reply(new AttachData.Result(true, notified)));
              } else {
                m.reply(new AttachData.Result(false, 0));
              }
            });
  }
}
