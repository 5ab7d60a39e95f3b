package io.tandemcc.bench;

/**
 * One queue call the AMI peer plays, with the epoch microseconds at which the frames that change
 * the agent's state were handed to the socket (0 = not sent yet). Written by the generator thread,
 * read by the clients' event loops.
 */
final class BenchCall {
  final int seq;
  final String callId;
  final String iface;
  final int extension;

  volatile long calledMicros;
  volatile long connectMicros;
  volatile long completeMicros;
  volatile long lastFrameMicros;

  BenchCall(int seq, String callId, String iface, int extension) {
    this.seq = seq;
    this.callId = callId;
    this.iface = iface;
    this.extension = extension;
  }
}
