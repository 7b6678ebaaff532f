/**
 * The Java side of the Kamelets in {@code kamelets/}: plain classes a Kamelet declares as its own
 * beans ({@code spec.template.beans}, {@code type: "#class:kamelet.…"}) and configures from its
 * properties. Nothing here reads {@code ccx.*} properties or global registry beans, so a Kamelet
 * runs in any integration whose classpath holds these classes (the ccx-pipeline image).
 */
package kamelet;
