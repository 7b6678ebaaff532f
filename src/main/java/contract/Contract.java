package contract;

import model.ArchiveNew;
import model.ArchiveSynced;
import model.FeaturesMessage;
import model.RulesResults;
import model.S3EventNotification;
import model.SqsReceiveResponse;
import model.UploadAnnouncement;
import model.UploadIdentity;

/**
 * Every message type of the pipeline contract, each with its JSON Schema
 * ({@code schemas/<name>.schema.json} on the classpath) and the record it binds to.
 */
public enum Contract {
    /** Stage 1 Kafka message (contract §4.1). */
    PLATFORM_UPLOAD_BUCKIT("platform-upload-buckit", UploadAnnouncement.class),
    /** The decoded {@code b64_identity} of a stage 1 message (contract §4.2). */
    UPLOAD_IDENTITY("upload-identity", UploadIdentity.class),
    /** boto3 SQS receive response (contract §5.1/§5.2). */
    SQS_RECEIVE_RESPONSE("sqs-receive-response", SqsReceiveResponse.class),
    /** Decoded SQS {@code Body}: S3 event notification or test event (contract §5.3, §4.3). */
    S3_EVENT_NOTIFICATION("s3-event-notification", S3EventNotification.class),
    /** Stages 3/4 (contract §6). */
    ARCHIVE_NEW("archive-new", ArchiveNew.class),
    /** Stages 7/8 (contract §10). */
    ARCHIVE_SYNCED("archive-synced", ArchiveSynced.class),
    /** Stage 9a (contract §12.1). */
    RULES_RESULTS("rules-results", RulesResults.class),
    /** Stage 9b (contract §12.2). */
    FEATURES("features", FeaturesMessage.class);

    /** Base IRI of the schemas' {@code $id}; resolved to the classpath, never fetched. */
    static final String SCHEMA_ID_BASE = "https://ccx-pipeline.example/schemas/";

    private final String schemaName;
    private final Class<? extends Record> recordType;

    Contract(String schemaName, Class<? extends Record> recordType) {
        this.schemaName = schemaName;
        this.recordType = recordType;
    }

    /** Short name, e.g. {@code rules-results}. */
    public String schemaName() {
        return schemaName;
    }

    /** Classpath resource of the schema, e.g. {@code schemas/rules-results.schema.json}. */
    public String schemaResource() {
        return "schemas/" + schemaFileName();
    }

    /** The schema's {@code $id}. */
    public String schemaId() {
        return SCHEMA_ID_BASE + schemaFileName();
    }

    /** The record a valid document of this type binds to with {@code Json.mapper()}. */
    public Class<? extends Record> recordType() {
        return recordType;
    }

    /** Looks a contract up by its schema name ({@code archive-new}) or enum name ({@code ARCHIVE_NEW}). */
    public static Contract byName(String name) {
        for (Contract c : values()) {
            if (c.schemaName.equals(name) || c.name().equalsIgnoreCase(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown contract '" + name + "'");
    }

    private String schemaFileName() {
        return schemaName + ".schema.json";
    }
}
