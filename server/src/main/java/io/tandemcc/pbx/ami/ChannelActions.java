package io.tandemcc.pbx.ami;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI actions asterisk-java does not ship. Public only because asterisk-java reads the fields from
 * public getters by reflection; nothing outside this package uses them.
 */
public final class ChannelActions {
  private ChannelActions() {}

  /** {@code BlindTransfer}: Channel, Exten, Context (trace 10). */
  public static final class BlindTransfer extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;
    private final String channel;
    private final String exten;
    private final String context;

    BlindTransfer(String channel, String exten, String context) {
      this.channel = channel;
      this.exten = exten;
      this.context = context;
    }

    @Override
    public String getAction() {
      return "BlindTransfer";
    }

    public String getChannel() {
      return channel;
    }

    public String getExten() {
      return exten;
    }

    public String getContext() {
      return context;
    }
  }

  /** {@code CancelAtxfer}: Channel (trace 11b); Asterisk plays the atxferabort code on it. */
  public static final class CancelAtxfer extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;
    private final String channel;

    CancelAtxfer(String channel) {
      this.channel = channel;
    }

    @Override
    public String getAction() {
      return "CancelAtxfer";
    }

    public String getChannel() {
      return channel;
    }
  }
}
