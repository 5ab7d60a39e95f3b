package io.tandemcc.call;

import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxLinks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Always-record per queue ({@code agent_group.always_record}): when an agent answers a call of such
 * a queue, the agent's leg is recorded (MixMonitor). The recording shows in the call model and the
 * call record from the PBX's MixMonitorStart, as an on-demand one does.
 */
public final class AlwaysRecordVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AlwaysRecordVerticle.class);

  private final CallControlRepository repository;
  private final PbxLinks links;
  private final Clock clock;

  public AlwaysRecordVerticle(CallControlRepository repository, PbxLinks links, Clock clock) {
    this.repository = repository;
    this.links = links;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    return vertx
        .eventBus()
        .<PbxEvent>consumer(
            PbxAddresses.EVENTS,
            m -> {
              if (m.body() instanceof QueueCallAnswered a) {
                answered(a);
              }
            })
        .completion();
  }

  private Future<Void> record(io.tandemcc.pbx.PbxLink link, long tenantId, QueueCallAnswered a) {
    String file = CallParties.fileName(tenantId, a.callId(), clock.instant());
    vertx
        .eventBus()
        .send(
            CallAddresses.RECORDING_REQUEST,
            new RecordingRequest(tenantId, a.callId(), a.agentChannelId(), file));
    return link.commands().startRecording(a.agentChannelId(), file);
  }

  private void answered(QueueCallAnswered a) {
    repository
        .alwaysRecorded(a.tenant(), a.queue().pbxName())
        .onSuccess(
            tenantId ->
                tenantId.ifPresent(
                    id ->
                        links
                            .primary()
                            .ifPresent(
                                link ->
                                    record(link, id, a)
                                        .onSuccess(
                                            v ->
                                                LOG.info(
                                                    "tenant {}: call {} of always-recorded queue {} is being recorded",
                                                    a.tenant(),
                                                    a.callId(),
                                                    a.queue().name()))
                                        .onFailure(
                                            e ->
                                                LOG.warn(
                                                    "tenant {}: call {} of always-recorded queue {} not recorded: {}",
                                                    a.tenant(),
                                                    a.callId(),
                                                    a.queue().name(),
                                                    e.getMessage())))))
        .onFailure(e -> LOG.error("always-record setting of {} not read", a.queue(), e));
  }
}
