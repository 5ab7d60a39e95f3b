package io.tandemcc.queue;

/** A wrong edge for LayerArchitectureTest only: queue membership handling HTTP routing. */
public final class ArchProbeQueueToVertxWeb {
  public io.vertx.ext.web.Router router;
}
