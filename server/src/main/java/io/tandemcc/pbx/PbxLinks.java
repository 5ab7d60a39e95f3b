package io.tandemcc.pbx;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The PBX links the server runs (none without AMI configured; one per Asterisk later). */
public final class PbxLinks {
  private final List<PbxLink> links = new CopyOnWriteArrayList<>();

  public void add(PbxLink link) {
    links.add(link);
  }

  public List<PbxLinkStatus> statuses() {
    return links.stream().map(PbxLink::status).toList();
  }

  /** True when every configured link is up (and trivially when none is configured). */
  public boolean allUp() {
    return links.stream().allMatch(l -> l.status().isUp());
  }

  /** The link to the PBX with this id. */
  public Optional<PbxLink> find(String pbx) {
    return links.stream().filter(l -> l.pbx().equals(pbx)).findFirst();
  }

  /**
   * The link calls are controlled through (the first configured; there is one per server for now).
   */
  public Optional<PbxLink> primary() {
    return links.isEmpty() ? Optional.empty() : Optional.of(links.get(0));
  }

  public boolean configured() {
    return !links.isEmpty();
  }
}
