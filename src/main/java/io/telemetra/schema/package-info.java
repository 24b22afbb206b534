/**
 * The event contract: loading the four JSON Schemas packaged from {@code schemas/}, validating
 * events against them (plus the cross-field rules JSON Schema cannot express), and the logic of
 * {@code telemetra validate}.
 *
 * <p>Entry points: {@link io.telemetra.schema.EventValidator#standard()} and its {@code
 * validate(EventType, JsonNode | byte[])}, returning {@link io.telemetra.schema.Violation}s; and
 * {@link io.telemetra.schema.JsonLinesValidator} for streams of JSON Lines. See {@code
 * schemas/README.md}.
 */
package io.telemetra.schema;
