/**
 * Reading scenario files: YAML with positions ({@link dev.tandem.scenarios.load.YamlTree}), the committed JSON Schema
 * ({@link dev.tandem.scenarios.load.SchemaCheck}), the semantic checks and the mapping to the model
 * ({@link dev.tandem.scenarios.load.ScenarioLoader}); every problem is a {@link dev.tandem.scenarios.load.Problem}
 * with file, line and column.
 */
package dev.tandem.scenarios.load;
