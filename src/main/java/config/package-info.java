/**
 * Typed settings: one small record per server or stage, read once from the {@code ccx.*}
 * properties (application.properties, system properties, environment variables) by
 * {@link config.CcxProperties} and handed to the beans that need it (app.PipelineBeans).
 */
package config;
