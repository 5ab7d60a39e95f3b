package io.tandemcc.pbx.ami;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.internal.ManagerReader;
import org.asteriskjava.manager.internal.ManagerReaderImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * A profile of one hop of the supervisor path in isolation: asterisk-java's reader turning what Asterisk sent into
 * events. Asterisk sends the frames of a queue call in bursts (trace 04: 17 frames in the millisecond of
 * {@code AgentCalled}, 46 before {@code AgentConnect}, 12 before {@code AgentComplete}); the reader builds every
 * frame of a burst, one after the other, before the event that changes the agent's state reaches us. This plays the
 * Asterisk side of the real trace, burst by burst (each burst handed over at once, as the TCP stack would), to two
 * readers set up as the server's link sets up its own (the same event classes deregistered), one reading the socket
 * directly and one through {@link AmiFrameFilter}, alternately, and reports how long each burst's state-changing
 * event took from the burst's arrival to its dispatch, and the reader threads' CPU time per call.
 *
 * <p>Run: {@code java -cp 'bench/target/tandemcc-bench.jar:server/target/classes:bench/target/lib/*'
 * io.tandemcc.pbx.ami.ReaderBacklog [calls] [trace]}. It lives in the server's AMI package only to reach
 * {@link AmiFrameFilter} and {@link LinkConnection#UNREAD}.
 */
public final class ReaderBacklog {
  private static final List<Class<?>> TIMED = List.of(AgentCalledEvent.class, AgentConnectEvent.class,
      AgentCompleteEvent.class);

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Path trace = args.length > 1 ? Path.of(args[1]) : TraceBursts.find();
    List<List<String>> bursts = TraceBursts.of(trace);
    Side plain = new Side("asterisk-java reading the socket", false);
    Side filtered = new Side("through AmiFrameFilter", true);
    int warmup = calls / 4;
    for (int i = 0; i < warmup + calls; i++) {
      boolean measure = i >= warmup;
      for (Side s : i % 2 == 0 ? List.of(plain, filtered) : List.of(filtered, plain)) {
        s.play(bursts, measure);
      }
    }
    System.out.printf("%d calls of %s (%d bursts of frames each), after %d warm-up calls%n", calls,
        trace.getFileName(), bursts.size(), warmup);
    for (Side s : List.of(plain, filtered)) {
      s.report(calls);
    }
    System.exit(0);
  }

  /** One reader fed through a queue of lines, with the times its dispatcher saw the timed events. */
  private static final class Side {
    final String name;
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final Semaphore burstDone = new Semaphore(0);
    final long[][] latencies = new long[TIMED.size()][];
    final int[] counts = new int[TIMED.size()];
    volatile long burstStart;
    volatile boolean measuring;
    final List<Long> readerThreads = new ArrayList<>();
    long cpuAtStart;

    Side(String name, boolean filter) throws Exception {
      this.name = name;
      Arrays.setAll(latencies, i -> new long[1 << 16]);
      Class<?> dispatcherType = Class.forName("org.asteriskjava.manager.internal.Dispatcher");
      Object dispatcher = Proxy.newProxyInstance(dispatcherType.getClassLoader(), new Class<?>[] {dispatcherType},
          (proxy, method, margs) -> {
            if (method.getName().equals("dispatchEvent")) {
              onEvent((ManagerEvent) margs[0]);
            }
            return null;
          });
      ManagerReader reader = (ManagerReader) ManagerReaderImpl.class.getConstructor(dispatcherType, Object.class)
          .newInstance(dispatcher, this);
      LinkConnection.UNREAD.forEach(reader::deregisterEventClass);
      SocketConnectionFacade socket = new QueueSocket(lines);
      reader.setSocket(filter ? new AmiFrameFilter(socket) : socket);
      Thread t = new Thread(reader, "reader " + name);
      t.setDaemon(true);
      t.start();
      lines.add("Asterisk Call Manager/11.0.0");
    }

    private void onEvent(ManagerEvent e) {
      long now = System.nanoTime();
      if (e instanceof FullyBootedEvent) {
        burstDone.release();
        return;
      }
      int k = TIMED.indexOf(e.getClass());
      if (k >= 0 && measuring) {
        latencies[k][counts[k]++ % latencies[k].length] = now - burstStart;
      }
      if (readerThreads.isEmpty()) {
        // the pump thread calls us; the reader threads are named after the connection
        for (Thread t : Thread.getAllStackTraces().keySet()) {
          if (t.getName().startsWith("reader " + name)) {
            readerThreads.add(t.getId());
          }
        }
      }
    }

    void play(List<List<String>> bursts, boolean measure) throws InterruptedException {
      if (measure && !measuring) {
        cpuAtStart = cpu();
        measuring = true;
      }
      for (List<String> burst : bursts) {
        burstStart = System.nanoTime();
        lines.addAll(burst);
        if (!burstDone.tryAcquire(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException(name + ": a burst was not read within 10 s");
        }
      }
    }

    long cpu() {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long sum = 0;
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.getName().startsWith("reader " + name)) {
          sum += mx.getThreadCpuTime(t.getId());
        }
      }
      return sum;
    }

    void report(int calls) {
      System.out.printf("%n%s: reader + pump CPU %.0f µs per call%n", name, (cpu() - cpuAtStart) / 1e3 / calls);
      for (int k = 0; k < TIMED.size(); k++) {
        long[] v = Arrays.copyOf(latencies[k], Math.min(counts[k], latencies[k].length));
        Arrays.sort(v);
        if (v.length == 0) {
          continue;
        }
        System.out.printf("  burst arrives → %-20s dispatched: p50 %5.0f µs, p90 %5.0f µs, p99 %5.0f µs (%d)%n",
            TIMED.get(k).getSimpleName().replace("Event", ""), v[v.length / 2] / 1e3,
            v[(int) (v.length * 0.9)] / 1e3, v[(int) (v.length * 0.99)] / 1e3, v.length);
      }
    }
  }

  /** The Asterisk side of a trace as bursts: frames recorded in the same millisecond, each ending with a marker. */
  static final class TraceBursts {
    static Path find() {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path p = dir.resolve("shared/ami-traces/04-queue-call-answered-agent-hangs-up.ami");
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
      throw new IllegalStateException("no shared/ami-traces above the working directory: pass the trace");
    }

    static List<List<String>> of(Path trace) throws IOException {
      List<List<String>> bursts = new ArrayList<>();
      List<String> burst = null;
      String burstTime = null;
      boolean asterisk = false;
      boolean afterLogin = false;
      List<String> frame = new ArrayList<>();
      for (String line : Files.readAllLines(trace)) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("<<<") || line.startsWith(">>>")) {
          asterisk = line.startsWith("<<<");
          String time = line.substring(4).trim();
          if (asterisk && afterLogin && !time.equals(burstTime)) {
            burst = close(bursts, burst);
            burstTime = time;
          }
          continue;
        }
        if (!asterisk) {
          continue;
        }
        if (!line.isEmpty()) {
          frame.add(line);
          continue;
        }
        if (frame.isEmpty()) {
          continue;
        }
        // the queue call starts with the caller's channel; login, resync and replies to actions are left out
        if (!afterLogin && frame.get(0).equals("Event: Newchannel")) {
          afterLogin = true;
          burstTime = null;
        }
        if (afterLogin && !frame.stream().anyMatch(l -> l.startsWith("ActionID:"))
            && frame.get(0).startsWith("Event:")) {
          if (burst == null) {
            burst = new ArrayList<>();
          }
          burst.addAll(frame);
          burst.add("");
        }
        frame = new ArrayList<>();
      }
      close(bursts, burst);
      return bursts;
    }

    private static List<String> close(List<List<String>> bursts, List<String> burst) {
      if (burst != null) {
        burst.addAll(List.of("Event: FullyBooted", "Privilege: system,all", "Status: Fully Booted", ""));
        bursts.add(burst);
      }
      return null;
    }
  }

  /** The reader's socket: lines from a queue. */
  private record QueueSocket(LinkedBlockingQueue<String> lines) implements SocketConnectionFacade {
    @Override
    public String readLine() throws IOException {
      try {
        return lines.take();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
    }

    @Override
    public void write(String s) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public InetAddress getLocalAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getLocalPort() {
      return 0;
    }

    @Override
    public InetAddress getRemoteAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getRemotePort() {
      return 0;
    }
  }
}
