/**
 * The normal-case PBFT protocol of Castro and Liskov (OSDI '99, §4.2) as a pure, deterministic
 * state machine: {@link io.bftvote.replica.core.Pbft#handle} turns one {@link
 * io.bftvote.replica.core.Event} into a list of {@link io.bftvote.replica.core.Action}s.
 *
 * <p>Nothing here does I/O, starts threads, takes locks, reads a clock or draws random numbers:
 * time arrives inside events, and the adapter performs the actions. So the same events in the same
 * order always give the same actions, and a whole cluster can be simulated in one thread.
 *
 * <p>Signatures are verified at the edge before an event gets here; the core checks everything
 * else, one named guard per rule, and says why it refuses a message.
 */
package io.bftvote.replica.core;
