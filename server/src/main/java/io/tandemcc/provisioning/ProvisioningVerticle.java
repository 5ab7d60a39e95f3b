package io.tandemcc.provisioning;

import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.UpstreamCredentials;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.nio.file.Path;

/**
 * Owns the {@link Provisioner}: runs it once at start-up, every time the AMI link comes up
 * (Asterisk may have been restarted, or reloads may be owed from while it was away), and on {@link
 * ProvisioningAddresses#PROVISION}.
 */
public final class ProvisioningVerticle extends VerticleBase {
  private final ProvisioningSource source;
  private final Path directory;
  private final PbxLink link;
  private final UpstreamCredentials credentials;
  private Provisioner provisioner;

  /**
   * @param link the Asterisk to reload after writing, or {@code null} when the server runs without
   *     AMI
   * @param credentials the agents' upstream passwords rendered into their auth objects
   */
  public ProvisioningVerticle(
      ProvisioningSource source, Path directory, PbxLink link, UpstreamCredentials credentials) {
    this.credentials = credentials;
    this.source = source;
    this.directory = directory;
    this.link = link;
  }

  @Override
  public Future<?> start() {
    provisioner =
        new Provisioner(
            vertx, source::all, source::some, new GeneratedFiles(directory), link, credentials);
    var requests =
        vertx
            .eventBus()
            .<ProvisionPbx>consumer(
                ProvisioningAddresses.PROVISION,
                m ->
                    provisioner
                        .provision(m.body().reason(), m.body().tenantId())
                        .onComplete(
                            done -> {
                              if (done.succeeded()) {
                                m.reply(done.result());
                              } else {
                                m.fail(500, done.cause().getMessage());
                              }
                            }));
    var events =
        vertx
            .eventBus()
            .<PbxEvent>consumer(
                PbxAddresses.LINK,
                m -> {
                  if (m.body() instanceof PbxEvent.LinkUp up
                      && (link == null || link.pbx().equals(up.pbx()))) {
                    provisioner.provision("AMI link to " + up.pbx() + " up");
                  }
                });
    return Future.all(requests.completion(), events.completion())
        .onSuccess(v -> provisioner.provision("start-up"));
  }
}
