// The fake Asterisk Manager Interface of the browser tests now lives in ami-peer.mjs (one peer for every test:
// Asterisk 22's answers per action, Command, play(trace)); this name stays for the tests that import it.
export { readTrace, startAmiPeer, traceEvents } from './ami-peer.mjs';
