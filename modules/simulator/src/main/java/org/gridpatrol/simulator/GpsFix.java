package org.gridpatrol.simulator;

/**
 * One position report of a simulated handheld.
 *
 * @param sequence    1, 2, ... per device; sent as the JSON API's client id
 * @param epochSecond fix time; whole seconds, because OsmAnd sends seconds
 * @param speed       m/s
 * @param heading     degrees clockwise from north, [0, 360)
 * @param battery     percent
 */
record GpsFix(long sequence, long epochSecond, double lat, double lon, double accuracy, double speed,
              double heading, int battery) {
}
