package thanos;

/**
 * Bodies of {@code /api/v1/query} as Prometheus 2.x / Thanos Querier answer them, for the hour
 * 2021-02-12T08:00Z (evaluated at 08:59:59.999Z).
 */
final class RecordedResponses {
    private RecordedResponses() {
    }

    static final String HOUR = "2021-02-12T08:00:00Z";

    /** First query: four subscribed clusters plus two malformed series (bad UUID, non-digit ebs_account). */
    static final String SUBSCRIBED = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"_id":"10bc27ef-1111-4fc8-85a2-a1231dc614e9","ebs_account":"6181891"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"4976be4c-1111-460b-a4cf-e22ed1d96923","ebs_account":"1234567"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"5c8a2e1d-2222-4d3f-9a1b-0c9d8e7f6a5b","ebs_account":"7654321"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"12345678-f0c3-4b44-80d2-ed6b5fc6c95f","ebs_account":"1234800"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"not-a-uuid","ebs_account":"1111111"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"12345678-ec5b-4552-9e2d-76c7bc4dee8f","ebs_account":"12a4567"},"value":[1613120399.999,"1"]}
            ]}}
            """;

    /**
     * Labels of the first two clusters (the third has none), plus three series of the fourth: an odd
     * domain and an unknown support level (data, written as they are) and one whose managed is
     * neither true nor false (skipped).
     */
    static final String LABELS = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"_id":"10bc27ef-1111-4fc8-85a2-a1231dc614e9","email_domain":"us.ibm.com","managed":"false","support":"Premium"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"4976be4c-1111-460b-a4cf-e22ed1d96923","email_domain":"redhat.com","managed":"true","support":"Standard"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"12345678-f0c3-4b44-80d2-ed6b5fc6c95f","email_domain":"-bad-.com","managed":"false","support":"Eval"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"12345678-f0c3-4b44-80d2-ed6b5fc6c95f","email_domain":"customer1.com","managed":"yes","support":"Eval"},"value":[1613120399.999,"1"]},
              {"metric":{"_id":"12345678-f0c3-4b44-80d2-ed6b5fc6c95f","email_domain":"customer1.com","managed":"false","support":"Gold"},"value":[1613120399.999,"1"]}
            ]}}
            """;

    static final String EMPTY = """
            {"status":"success","data":{"resultType":"vector","result":[]}}
            """;

    /** Prometheus rejecting a query (HTTP 400). */
    static final String BAD_DATA = """
            {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:8: parse error: unexpected \\"by\\""}
            """;

    /** Thanos Querier when a store is down and partial responses are disabled (HTTP 422 / 503). */
    static final String STORE_DOWN = """
            {"status":"error","errorType":"execution","error":"receive series from Addr: thanos-store-0:10901: rpc error: code = Unavailable desc = connection refused"}
            """;

    /** Thanos with partial responses: success, plus a warning. */
    static final String WITH_WARNING = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"_id":"10bc27ef-1111-4fc8-85a2-a1231dc614e9","ebs_account":"6181891"},"value":[1613120399.999,"1"]}
            ]},"warnings":["No StoreAPIs matched for this query"]}
            """;

    static final String MATRIX = """
            {"status":"success","data":{"resultType":"matrix","result":[]}}
            """;
}
