/**
 * The Asterisk Manager Interface adapter, the only code that imports {@code org.asteriskjava}.
 *
 * <ul>
 *   <li>{@link io.tandemcc.pbx.ami.AmiLink}: one per Asterisk. {@code AmiLink.deploy(vertx,
 *       AmiConfig.of(...), sink)} deploys its verticle, logs in (events on), declares the link up
 *       on {@code FullyBooted}, pings, reconnects with backoff, and hands {@link
 *       io.tandemcc.pbx.PbxEvent}s to the sink on its own Vert.x context.
 *   <li>{@link io.tandemcc.pbx.ami.AmiEventTranslator}: the anti-corruption layer, an explicit
 *       table from asterisk-java event class to handler; unknown, malformed and unattributed events
 *       are counted and dropped.
 *   <li>{@code AmiCommands}: the one place that sends AMI actions, on worker threads; errors become
 *       failed futures. Every action passes {@code ActionGuard} first (no control character in any
 *       field, asterisk-java's exact text one {@code name: value} line per field, Originate
 *       variables that Asterisk cannot split).
 *   <li>{@code LinkConnection}: an asterisk-java connection without asterisk-java's own reconnect
 *       thread, talking through {@code AmiLoopSocket}, whose event loop reads the events ({@code
 *       AmiFrames} splits the socket).
 * </ul>
 */
package io.tandemcc.pbx.ami;
