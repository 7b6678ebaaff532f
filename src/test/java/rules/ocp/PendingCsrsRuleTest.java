package rules.ocp;

import archive.SampleArchive;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static rules.ocp.RuleTesting.run;

class PendingCsrsRuleTest {

    private static final String CSR = "config/certificatesigningrequests/csr-test.json";
    private final PendingCsrsRule rule = new PendingCsrsRule();

    @Test
    void hitsOnTheSamplesUndecidedCsr() {
        RuleTesting.Outcome outcome = run(rule, SampleArchive.load());

        assertThat(outcome.hitKeys()).containsExactly("PENDING_CSRS");
        assertThat(outcome.json("PENDING_CSRS").at("/csrs/0/name").asText()).isEqualTo("csr-test");
        assertThat(outcome.json("PENDING_CSRS").at("/csrs/0/username").asText()).isEqualTo("kube:admin");
        assertThat(outcome.details("PENDING_CSRS")).containsEntry("count", 1).containsEntry("node_requests", 0);
    }

    @Test
    void countsPendingKubeletRequestsInTheKubernetesForm() {
        SampleArchive archive = SampleArchive.load().with("config/certificatesigningrequests/csr-node.json", RuleTesting.object("""
                {"metadata": {"name": "csr-7xk2p", "creationTimestamp": "2021-07-12T09:00:00Z"},
                 "spec": {"username": "system:node:worker-1.example.com", "signerName": "kubernetes.io/kubelet-serving"},
                 "status": {}}"""));

        RuleTesting.Outcome outcome = run(rule, archive);

        assertThat(outcome.details("PENDING_CSRS")).containsEntry("count", 2).containsEntry("node_requests", 1);
    }

    @Test
    void passesWhenTheRequestWasApproved() {
        SampleArchive archive = SampleArchive.load().editJson(CSR, csr -> ((ObjectNode) csr.path("Status"))
                .putArray("Conditions").addObject().put("Type", "Approved").put("Status", "True"));

        assertThat(run(rule, archive).passed()).isTrue();
    }

    @Test
    void skipsWithoutGatheredCsrs() {
        assertThat(run(rule, SampleArchive.load().without(CSR)).skip().details())
                .isEqualTo("All: ['config/certificatesigningrequests/*.json'] Any: ");
    }
}
