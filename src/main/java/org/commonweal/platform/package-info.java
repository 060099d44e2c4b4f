/**
 * Runtime platform: the database (embedded PostgreSQL or a production server), operational commands,
 * cluster-safe scheduled jobs and message bundles. It holds no business rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.commonweal.platform;
