/**
 * Member home: where a signed-in member lands. Their coverage, their PCP with a phone number, their coming classes,
 * the care they are due for (quality's open gaps) and their ID card, read through the coverage, network, centers,
 * quality and geography modules' public facades only.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Member home",
        allowedDependencies = {"platform", "identity", "shell", "coverage", "network", "centers", "quality", "geography"
        })
package org.commonweal.memberhome;
