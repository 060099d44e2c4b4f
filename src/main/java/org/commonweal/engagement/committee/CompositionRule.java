package org.commonweal.engagement.committee;

/**
 * How a committee must be made up, read from the committee's row (rules are data).
 *
 * @param maxMembers seats at most (35 under W&amp;I Code §14087.966)
 * @param consumerMajority whether consumers and consumer advocates must be more than half
 * @param atLargeSeats at-large seats that must be filled (ECAC: 2)
 * @param chairsOfRegionals whether every regional committee's chair sits on it (ECAC)
 */
public record CompositionRule(int maxMembers, boolean consumerMajority, int atLargeSeats, boolean chairsOfRegionals) {}
