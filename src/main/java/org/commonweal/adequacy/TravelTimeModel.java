package org.commonweal.adequacy;

import org.commonweal.geography.ZipArea;

/**
 * Estimates driving minutes from a member's residence to a provider from the straight-line distance, so a real
 * routing engine can replace the default model. Every run records {@link #name()} and {@link #parameters()}.
 */
public interface TravelTimeModel {

    String name();

    /** The model's parameters in one line, stored with each run. */
    String parameters();

    /** Minutes to travel {@code miles} (great-circle) from a residence in {@code residence}'s ZIP. */
    double minutes(double miles, ZipArea residence);
}
