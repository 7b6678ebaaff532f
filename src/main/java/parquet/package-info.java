/**
 * The Parquet tables of contract §13.3/§13.4: rows from input messages, and files in a bucket.
 * Plain Java, no Camel types.
 *
 * <h2>Rows</h2>
 * {@link parquet.TableRows} maps one input to {@link parquet.MappedRows}:
 * {@code fromRules(RulesResults)}, {@code fromFeatures(FeaturesMessage)},
 * {@code fromThanos(List<ThanosRow>)}. Each {@link parquet.TableRow} is a table, an hour (its
 * archive's {@code collected_at}, or the Thanos window, truncated to the hour, UTC) and an Avro
 * {@link org.apache.avro.generic.GenericRecord} of the table's schema;
 * {@link parquet.MappedRows#byPartition()} groups them by {@link parquet.TablePartition}
 * (table, hour), whose {@code correlationKey()} is a stable text key (the factory's aggregator
 * correlates on it). Decisions:
 * <ul>
 *   <li>Common derivations (§13.3): {@code cluster_id} ← the message's {@code metadata.cluster_id}
 *       (which must be the path's), {@code archive_path} ← its {@code path},
 *       {@code collected_at} ← the time in the path, UTC, in milliseconds.</li>
 *   <li>{@code archives} rows come from rules-results messages only: one per archive whatever
 *       else arrives.</li>
 *   <li>Values are data (docs/parquet-values.md, {@link parquet.ValueChecks}): texts are written
 *       as they are, also outside the 2021 validators' lists (a newer platform, alert state,
 *       support level), absent texts as "", absent counts as 0. Only a row with a value its column
 *       cannot hold (a negative count, an absent boolean or timestamp) is left out, and it is
 *       reported in {@link parquet.MappedRows#rejected()} for the factory to count and log.</li>
 *   <li>§15: {@code cluster_info.cluster_version}; the update tables keep
 *       {@code current_version}; {@code conditional_update_conditions} has {@code release} and
 *       {@code message}.</li>
 *   <li>{@code workload_containers.shape_id} is a name-based (version 5) UUID of archive path,
 *       namespace and shape index, not a random one, so reprocessing gives identical rows.</li>
 *   <li>The update tables read the feature {@code cluster_version_updates}
 *       ({@link features.ClusterVersionUpdatesExtractor}).</li>
 * </ul>
 *
 * <h2>Types</h2>
 * {@link parquet.ParquetTable} holds every table's columns in §13.4 order and its Avro schema,
 * all fields required: strings are BINARY (STRING), timestamps INT64 TIMESTAMP(MILLIS, UTC),
 * booleans BOOLEAN, the spec's UINT32/UINT8/int INT32 (Avro has no unsigned types; the mappers
 * keep the values ≥ 0, and ≤ 255 for UINT8), INT64 INT64.
 *
 * <h2>Files</h2>
 * {@link parquet.ParquetSink#write(parquet.TablePartition, java.util.Iterator)} streams rows
 * through {@link parquet.ParquetFileWriter} (parquet-avro, Snappy, 128 MiB row groups, no Hadoop
 * configuration) into a temporary file, uploads it to
 * {@code <prefix>/<table>/hourly/date=YYYY-MM-DD/hour=HH/<table>-<N>.parquet} with N the next free
 * index of the partition, deletes the file and returns a {@link parquet.WrittenFile}. One writer
 * per table is assumed; a conditional put ({@code If-None-Match: *}) moves a colliding write to
 * the next N.
 */
package parquet;
