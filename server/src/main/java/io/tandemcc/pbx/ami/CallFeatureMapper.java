package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.MalformedEventException.require;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.CallTransferred;
import io.tandemcc.pbx.PbxEvent.RecordingStarted;
import io.tandemcc.pbx.PbxEvent.RecordingStopped;
import io.tandemcc.pbx.TransferKind;
import java.util.List;
import java.util.Optional;
import org.asteriskjava.manager.event.AbstractMixMonitorEvent;
import org.asteriskjava.manager.event.AttendedTransferEvent;
import org.asteriskjava.manager.event.BlindTransferEvent;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Transfers and recordings of agent legs (traces 10, 11, 14). Part of {@link AmiEventTranslator}.
 * Only successful transfers made by an agent's phone are ours; a failed one changes nothing on the
 * call.
 */
final class CallFeatureMapper {
  private static final String SUCCESS = "Success";

  private final EndpointEventMapper endpoints;
  private final TranslationStats stats;

  CallFeatureMapper(EndpointEventMapper endpoints, TranslationStats stats) {
    this.endpoints = endpoints;
    this.stats = stats;
  }

  List<PbxEvent> blindTransfer(BlindTransferEvent e) {
    if (!SUCCESS.equalsIgnoreCase(e.getResult())) {
      return List.of();
    }
    return transfer(
        e,
        e.getTransfererChannel(),
        e.getTransfererUniqueId(),
        e.getTransfererLinkedId(),
        TransferKind.BLIND,
        e.getExtension());
  }

  List<PbxEvent> attendedTransfer(AttendedTransferEvent e) {
    if (!SUCCESS.equalsIgnoreCase(e.getResult())) {
      return List.of();
    }
    return transfer(
        e,
        e.getOrigTransfererChannel(),
        e.getOrigTransfererUniqueid(),
        e.getOrigTransfererLinkedId(),
        TransferKind.ATTENDED,
        e.getTransferTargetExten());
  }

  List<PbxEvent> recording(AbstractMixMonitorEvent e, boolean started) {
    Optional<AgentEndpoint> agent = AmiNames.endpointOfChannel(require(e.getChannel(), "Channel"));
    if (agent.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
      return List.of();
    }
    String leg = require(e.getUniqueId(), "Uniqueid");
    ChannelVars vars = endpoints.varsOf(leg, e);
    String tenant = EndpointEventMapper.tenantOf(vars, agent.get());
    String callId = EndpointEventMapper.callId(vars, e.getLinkedId(), leg);
    return List.of(
        started
            ? new RecordingStarted(tenant, callId, agent.get(), leg)
            : new RecordingStopped(tenant, callId, agent.get(), leg));
  }

  private List<PbxEvent> transfer(
      ManagerEvent e,
      String channel,
      String uniqueId,
      String linkedId,
      TransferKind kind,
      String target) {
    Optional<AgentEndpoint> agent =
        AmiNames.endpointOfChannel(require(channel, "TransfererChannel"));
    if (agent.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
      return List.of();
    }
    String leg = require(uniqueId, "TransfererUniqueid");
    ChannelVars vars = endpoints.varsOf(leg, e);
    return List.of(
        new CallTransferred(
            EndpointEventMapper.tenantOf(vars, agent.get()),
            EndpointEventMapper.callId(vars, linkedId, leg),
            agent.get(),
            leg,
            kind,
            target));
  }
}
