package io.tandemcc.call;

/** A wrong edge for LayerArchitectureTest only: the call domain handling HTTP routing. */
public final class ArchProbeCallToVertxWeb {
  public io.vertx.ext.web.RoutingContext context;
}
