/**
 * The features service (contract §12.2/§12.3): feature extractors over the files of one
 * insights-operator archive, and {@link features.FeaturesService}, the bean that turns them into
 * the {@code archive-features} message.
 * <p>
 * Each {@link features.FeatureExtractor} names its {@code feature_id}, its {@code component} (its
 * class name), its {@code schema.fields} ({@link features.FeatureFields}, version 1.0) and the
 * archive files it reads; it returns one row per item of its grain. They are registered in the plain
 * list {@link features.FeatureExtractors#standard()}:
 * <table>
 *   <tr><th>feature_id</th><th>grain</th><th>source</th></tr>
 *   <tr><td>cluster_info</td><td>archive</td><td>config/version, config/infrastructure, config/network</td></tr>
 *   <tr><td>foc</td><td>unhealthy ClusterOperator condition</td><td>config/clusteroperator/*.json</td></tr>
 *   <tr><td>alerts</td><td>alert</td><td>config/alerts.json, else ALERTS in config/metrics</td></tr>
 *   <tr><td>gatherers</td><td>gatherer run</td><td>insights-operator/gathers.json</td></tr>
 *   <tr><td>workload_info_images</td><td>container image</td><td>config/workload_info.json</td></tr>
 *   <tr><td>workload_info_namespaces</td><td>namespace</td><td>config/workload_info.json</td></tr>
 *   <tr><td>cluster_version_updates</td><td>available or conditional update</td><td>config/version</td></tr>
 * </table>
 * Common rules: every row's {@code cluster_id} is the message metadata's; DateTime values are
 * TS-NAIVE UTC text ({@link features.NaiveTime}); {@code analysis_time} is one clock reading per
 * message; a missing {@code last_transition_time} becomes the archive time of the Ceph path (the
 * validator rejects null); a missing source file gives an empty {@code data}.
 */
package features;
