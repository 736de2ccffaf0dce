/**
 * Allocator core of ipam-service: plain Java, no Quarkus, Kubernetes or Kafka types.
 *
 * <p><b>Concurrency rule.</b> Nothing here is thread-safe. All calls on one {@link
 * io.acicni.ipam.allocator.IpamAllocator} (and the allocators it hands out) must come from one
 * allocation thread — in the service, the leader's single allocation executor that also drains the
 * informer events. Only {@link io.acicni.ipam.allocator.Readiness} may be read from other threads;
 * counters for REST/metrics must be read through that thread (or a snapshot it publishes).
 *
 * <p><b>Representation.</b> Addresses are unsigned 128-bit values in two longs ({@link
 * io.acicni.ipam.allocator.Address}); IPAddress is used only to parse and print. A node's pod ranges
 * are blocks of ≤ 64 addresses with used/quarantined bitmasks and a summary bitset; pool free space is
 * a tree of maximal free runs keyed by run end; quarantine is a FIFO of due times. See docs/ipam.md.
 */
package io.acicni.ipam.allocator;
