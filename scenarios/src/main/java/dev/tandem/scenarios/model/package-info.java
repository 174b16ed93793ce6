/**
 * The scenario file's model: one record per section of the file ({@link dev.tandem.scenarios.model.Scenario} and its
 * parts), with times resolved to absolute epoch nanoseconds and numbers parsed exactly onto the kernel's fixed-point
 * scales; the named instrument presets and the fill models.
 */
package dev.tandem.scenarios.model;
