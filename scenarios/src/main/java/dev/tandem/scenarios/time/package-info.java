/** Human times and durations of scenario files, parsed exactly into nanoseconds ({@link dev.tandem.scenarios.time.TimeText}). */
package dev.tandem.scenarios.time;
