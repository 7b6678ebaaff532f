package parquet;

/** One column of a Parquet table: its name in the file and its type. */
public record Column(String name, ColumnType type) {

    static Column string(String name) {
        return new Column(name, ColumnType.STRING);
    }

    static Column timestamp(String name) {
        return new Column(name, ColumnType.TIMESTAMP);
    }

    static Column bool(String name) {
        return new Column(name, ColumnType.BOOLEAN);
    }

    static Column int32(String name) {
        return new Column(name, ColumnType.INT32);
    }

    static Column int64(String name) {
        return new Column(name, ColumnType.INT64);
    }
}
