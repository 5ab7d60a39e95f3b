package io.tandemcc.web;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id, returned in {@code X-Request-Id} and in problem bodies, and used in
 * logs.
 */
public final class RequestIds {
  private static final String KEY = "requestId";

  private RequestIds() {}

  public static void assign(RoutingContext ctx) {
    String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    ctx.put(KEY, id);
    ctx.response().putHeader("X-Request-Id", id);
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
