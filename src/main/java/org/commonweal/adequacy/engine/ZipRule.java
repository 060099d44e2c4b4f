package org.commonweal.adequacy.engine;

import org.commonweal.geography.ZipArea;

/** What the engine needs to know about one residence ZIP: where it belongs and the standards that apply there. */
record ZipRule(String zip, ZipArea area, int spa, int rcacRegion, Standard[][] standards, Standard[][] alternatives) {}
