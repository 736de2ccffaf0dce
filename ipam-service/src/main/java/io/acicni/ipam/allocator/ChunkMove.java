package io.acicni.ipam.allocator;

/**
 * A piece of the pod pool moving between the pool and a node, for audit events.
 *
 * @param node the node
 * @param family family of the range
 * @param range the addresses moved
 * @param toNode true: pool → node (chunk granted or restored); false: node → pool
 * @param why human reason (chunk rule, quarantine pressure, restored, reclaimed, node removed)
 */
public record ChunkMove(String node, IpFamily family, AddressRange range, boolean toNode, String why) {
}
