/**
 * Member home: where a signed-in member lands. Their coverage, their PCP with a phone number, their coming classes
 * and their ID card, read through the coverage, network and centers modules' public facades only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Member home",
        allowedDependencies = {"platform", "identity", "shell", "coverage", "network", "centers"})
package org.commonweal.memberhome;
