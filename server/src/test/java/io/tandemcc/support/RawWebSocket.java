package io.tandemcc.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written on a plain socket, for the attacks a well-behaved client library
 * refuses to make: offering extensions, sending frames with RSV1 (compressed) set, frames larger
 * than the server allows. It writes exactly the bytes it is told to (masked, as a client must) and
 * reads the server's frames one by one.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int CLOSE = 0x8;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final int status;
  private final Map<String, String> headers;

  /** A frame the server sent; for a close frame, {@link #closeCode()} is its status code. */
  public record Frame(int opcode, byte[] payload) {
    public int closeCode() {
      return opcode == CLOSE && payload.length >= 2
          ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
          : -1;
    }

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private RawWebSocket(int port, String pathAndQuery, Map<String, String> extraHeaders)
      throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5_000);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    StringBuilder request =
        new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:")
            .append(port)
            .append("\r\n")
            .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
            .append("Sec-WebSocket-Key: ")
            .append(Base64.getEncoder().encodeToString(nonce))
            .append("\r\n")
            .append("Sec-WebSocket-Version: 13\r\n");
    extraHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String statusLine = readLine();
    status = Integer.parseInt(statusLine.split(" ")[1]);
    headers = new LinkedHashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
    }
  }

  /** Opens {@code pathAndQuery} with these additional handshake headers. */
  public static RawWebSocket open(int port, String pathAndQuery, Map<String, String> extraHeaders)
      throws IOException {
    return new RawWebSocket(port, pathAndQuery, extraHeaders);
  }

  /** The handshake's HTTP status (101 when upgraded). */
  public int status() {
    return status;
  }

  /** A handshake response header (name in any case), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase());
  }

  /**
   * Sends one frame, masked; {@code rsv1} claims the payload is compressed (permessage-deflate).
   */
  public void send(int opcode, byte[] payload, boolean fin, boolean rsv1) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /**
   * Sends only the header of a text frame that claims {@code length} payload bytes: a server that
   * checks the length as it reads the header refuses it without waiting for (or reading) a payload.
   */
  public void sendHeaderClaiming(long length) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(14);
    frame.write(0x80 | TEXT);
    frame.write(0x80 | 127);
    frame.writeBytes(ByteBuffer.allocate(8).putLong(length).array());
    frame.writeBytes(new byte[4]);
    out.write(frame.toByteArray());
    out.flush();
  }

  public void sendText(String text) throws IOException {
    send(TEXT, text.getBytes(StandardCharsets.UTF_8), true, false);
  }

  private boolean timedOut;

  /**
   * The next frame from the server, or null if the connection ended (or nothing came) within the
   * timeout.
   */
  public Frame next(Duration timeout) throws IOException {
    timedOut = false;
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    try {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      long length = b1 & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      return new Frame(b0 & 0x0f, payload);
    } catch (SocketTimeoutException e) {
      timedOut = true;
      return null;
    } catch (IOException e) {
      return null; // reset by the server
    }
  }

  /**
   * The close code of the server's close frame, skipping other frames; -1 if the connection ended
   * without one, 0 if it is still open at the timeout.
   */
  public int closeCode(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Frame f = next(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
      if (f == null) {
        return timedOut ? 0 : -1;
      }
      if (f.opcode() == CLOSE) {
        return f.closeCode();
      }
    }
    return 0;
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("handshake ended early: " + line);
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
