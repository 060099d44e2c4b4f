package org.commonweal.insights.internal;

import org.commonweal.centers.RegistrationChanged;
import org.commonweal.engagement.ClassReferralMade;
import org.commonweal.grants.GrantAwarded;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Events of the source modules mark only their own family for refresh; {@link RefreshJobs} debounces them. */
@Component
class SourceEvents {

    private final FigureStore store;

    SourceEvents(FigureStore store) {
        this.store = store;
    }

    @ApplicationModuleListener
    void on(GrantAwarded event) {
        store.requestRefresh(Family.GRANTS, "GrantAwarded");
    }

    @ApplicationModuleListener
    void on(RegistrationChanged event) {
        store.requestRefresh(Family.CENTERS, "RegistrationChanged");
    }

    @ApplicationModuleListener
    void on(ClassReferralMade event) {
        store.requestRefresh(Family.ENGAGEMENT, "ClassReferralMade");
    }
}
