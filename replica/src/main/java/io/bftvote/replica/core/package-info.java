/**
 * PBFT as Castro and Liskov describe it (OSDI '99 §4): the normal case (§4.2), checkpoints and
 * watermarks (§4.3) and view changes (§4.4, with the liveness rules of §4.5.2), as a pure,
 * deterministic state machine: {@link io.bftvote.replica.core.Pbft#handle} turns one {@link
 * io.bftvote.replica.core.Event} into a list of {@link io.bftvote.replica.core.Action}s.
 *
 * <p>Nothing here does I/O, starts threads, takes locks, reads a clock or draws random numbers:
 * time arrives inside events, and the adapter performs the actions. So the same events in the same
 * order always give the same actions, and a whole cluster can be simulated in one thread (see
 * {@code io.bftvote.replica.sim}).
 *
 * <p>The signature of every message that arrives is verified at the edge before an event gets
 * here; the signatures of messages quoted inside view-changes and new-views are checked here,
 * through a {@link io.bftvote.replica.core.Verifier}. The core checks everything else, one named
 * guard per rule, and says why it refuses a message.
 */
package io.bftvote.replica.core;
