package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.testkit.AmiTrace;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * A recorded trace's events as the server's AMI translator makes them, without a link: every {@code
 * Event:} frame Asterisk sent, read by asterisk-java's own event builder (as {@link AmiLoopSocket}
 * reads it), translated by {@link AmiEventTranslator}. For replays of the domain's pure parts (the
 * call tracker); list items of responses are translated like events, which is what the translator
 * does with them too.
 */
public final class TraceEvents {
  private TraceEvents() {}

  /** The PBX events of {@code testdata/ami-traces/<name>.ami}, in trace order. */
  public static List<PbxEvent> of(String name) {
    AmiEventTranslator translator = new AmiEventTranslator("pbx-replay");
    Object builder;
    Method build;
    try {
      Class<?> impl = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
      Constructor<?> constructor = impl.getDeclaredConstructor();
      constructor.setAccessible(true);
      builder = constructor.newInstance();
      build = impl.getMethod("buildEvent", Object.class, Map.class);
      build.setAccessible(true);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create asterisk-java's event builder", e);
    }
    List<PbxEvent> out = new ArrayList<>();
    for (AmiTrace.Entry entry : AmiTrace.read(name).entries()) {
      if (!(entry instanceof AmiTrace.Frame frame)
          || !frame.fromAsterisk()
          || frame.event() == null) {
        continue;
      }
      try {
        ManagerEvent event =
            (ManagerEvent)
                build.invoke(builder, TraceEvents.class, AmiFrames.attributes(frame.lines()));
        if (event != null) {
          out.addAll(translator.translate(event));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("frame at +" + frame.at() + " of " + name + " not read", e);
      }
    }
    return out;
  }
}
