package io.tandemcc.pbx.ami;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Gives an {@link AmiLink} its own Vert.x context: every state change of the link happens on it.
 */
final class AmiLinkVerticle extends VerticleBase {
  private final AmiLink link;

  AmiLinkVerticle(AmiLink link) {
    this.link = link;
  }

  @Override
  public Future<?> start() {
    link.start(context);
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return link.stop();
  }
}
