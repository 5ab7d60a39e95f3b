/**
 * The demo call simulator (development only, {@code DEMO_CALLS}): an in-process AMI peer on the
 * loopback that the real {@link io.tandemcc.pbx.ami.AmiLink} logs in to, so the whole real path
 * runs (translation, calls, agent states, screen-pops, the team view). It answers the actions the
 * server sends (login, queue membership, lists) as an idle Asterisk 22 does, and plays the recorded
 * queue call of trace 04 to Ready members of the demo tenant's queues. It speaks AMI as text: no
 * asterisk-java here.
 */
package io.tandemcc.pbx.demo;
