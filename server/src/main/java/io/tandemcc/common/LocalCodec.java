package io.tandemcc.common;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable records over the local event bus without copying. Our messages never leave the
 * JVM; a clustered deployment would need a wire format, and this codec refuses to pretend it has
 * one.
 */
public final class LocalCodec<T> implements MessageCodec<T, T> {
  private final String name;

  private LocalCodec(Class<T> type) {
    this.name = "local:" + type.getName();
  }

  /** Default codec for one concrete record type. */
  public static <T> void register(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
  }

  /** A named codec for a whole (sealed) family of records; send them with the returned options. */
  public static <T> DeliveryOptions registerFamily(Vertx vertx, Class<T> family) {
    LocalCodec<T> codec = new LocalCodec<>(family);
    vertx.eventBus().registerCodec(codec);
    return new DeliveryOptions().setCodecName(codec.name());
  }

  /** Options naming the codec of a family registered with {@link #registerFamily}. */
  public static DeliveryOptions familyOptions(Class<?> family) {
    return new DeliveryOptions().setCodecName("local:" + family.getName());
  }

  @Override
  public void encodeToWire(Buffer buffer, T t) {
    throw new UnsupportedOperationException(name + " is local only");
  }

  @Override
  public T decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException(name + " is local only");
  }

  @Override
  public T transform(T t) {
    return t;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
