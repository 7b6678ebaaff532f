package rules.ocp;

import com.fasterxml.jackson.databind.JsonNode;
import rules.Requirements;
import rules.RuleContext;
import rules.RuleResult;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster network configuration ({@code config/network}) cannot work well:
 * <ul>
 *   <li>{@code NETWORK_RANGES_OVERLAP}: a cluster (pod) network overlaps the service network, or a
 *       node's InternalIP lies inside one of them: traffic to those addresses is routed into the
 *       overlay instead of to the host;</li>
 *   <li>{@code HOST_PREFIX_TOO_SMALL}: the per-node subnet ({@code hostPrefix}) holds fewer pod
 *       addresses than the kubelet may run pods (node {@code capacity.pods}, 250 by default), so
 *       pods fail to start with IP exhaustion before the node is full;</li>
 *   <li>{@code CLUSTER_NETWORK_NODE_LIMIT}: the cluster network has room for at most one more node
 *       subnet (each node takes one {@code hostPrefix} subnet), so the cluster cannot scale out.</li>
 * </ul>
 */
public final class NetworkConfigRule extends OcpRule {

    static final String OVERLAP = "NETWORK_RANGES_OVERLAP";
    static final String HOST_PREFIX = "HOST_PREFIX_TOO_SMALL";
    static final String NODE_LIMIT = "CLUSTER_NETWORK_NODE_LIMIT";
    static final String NETWORK = "config/network";
    /** OpenShift's kubelet default {@code maxPods}. */
    static final int DEFAULT_MAX_PODS = 250;

    public NetworkConfigRule() {
        super("cluster_network_config", List.of(OVERLAP, HOST_PREFIX, NODE_LIMIT),
                Requirements.builder().resource(NETWORK).optional(Nodes.FILES).build());
    }

    @Override
    public RuleResult evaluate(RuleContext context) {
        JsonNode network = context.resource(NETWORK).orElseThrow();
        // status is what the network operator applied; spec what was asked. Prefer the applied one.
        JsonNode config = network.path("status").path("clusterNetwork").size() > 0 ? network.path("status") : network.path("spec");
        List<JsonNode> clusterNetworks = new ArrayList<>();
        config.path("clusterNetwork").forEach(clusterNetworks::add);
        List<Cidr> services = new ArrayList<>();
        for (String text : Resources.texts(config.path("serviceNetwork"))) {
            Cidr.parse(text).ifPresent(services::add);
        }
        Map<String, JsonNode> nodes = context.jsonFiles(Nodes.FILES, Nodes.PARTS);

        List<Map<String, Object>> overlaps = new ArrayList<>();
        List<Map<String, Object>> smallPrefixes = new ArrayList<>();
        List<Map<String, Object>> nodeLimits = new ArrayList<>();
        int maxPods = maxPods(nodes.values());
        for (JsonNode entry : clusterNetworks) {
            Optional<Cidr> parsed = Cidr.parse(Resources.text(entry.path("cidr")));
            if (parsed.isEmpty()) {
                continue;
            }
            Cidr pods = parsed.get();
            for (Cidr service : services) {
                if (pods.overlaps(service)) {
                    overlaps.add(Details.map("range", pods.text(), "overlaps", service.text(), "kind", "service network"));
                }
            }
            int hostPrefix = entry.path("hostPrefix").asInt(0);
            if (hostPrefix <= pods.prefix() || hostPrefix > pods.bits()) {
                continue;
            }
            long addressesPerNode = BigInteger.ONE.shiftLeft(pods.bits() - hostPrefix).min(BigInteger.valueOf(1L << 40)).longValue() - 2;
            if (addressesPerNode < maxPods) {
                smallPrefixes.add(Details.map("cidr", pods.text(), "host_prefix", hostPrefix,
                        "pod_addresses_per_node", addressesPerNode, "max_pods_per_node", maxPods));
            }
            long subnets = BigInteger.ONE.shiftLeft(hostPrefix - pods.prefix()).min(BigInteger.valueOf(1L << 40)).longValue();
            long nodesInFamily = nodes.values().stream().filter(node -> Nodes.internalIps(node).stream()
                    .map(Cidr::parse).flatMap(Optional::stream).anyMatch(ip -> ip.bits() == pods.bits())).count();
            if (!nodes.isEmpty() && subnets - nodesInFamily <= 1) {
                nodeLimits.add(Details.map("cidr", pods.text(), "host_prefix", hostPrefix,
                        "node_subnets", subnets, "nodes", nodesInFamily));
            }
        }
        List<Cidr> ranges = new ArrayList<>(services);
        clusterNetworks.forEach(entry -> Cidr.parse(Resources.text(entry.path("cidr"))).ifPresent(ranges::add));
        for (JsonNode node : nodes.values()) {
            for (String ip : Nodes.internalIps(node)) {
                Optional<Cidr> address = Cidr.parse(ip);
                for (Cidr range : ranges) {
                    if (address.isPresent() && range.contains(address.get())) {
                        overlaps.add(Details.map("range", range.text(), "overlaps", ip,
                                "kind", "InternalIP of node " + Resources.name(node)));
                    }
                }
            }
        }
        List<RuleResult.Hit> hits = new ArrayList<>();
        if (!overlaps.isEmpty()) {
            hits.add(new RuleResult.Hit(OVERLAP, Details.map("overlaps", overlaps)));
        }
        if (!smallPrefixes.isEmpty()) {
            hits.add(new RuleResult.Hit(HOST_PREFIX, Details.map("cluster_networks", smallPrefixes)));
        }
        if (!nodeLimits.isEmpty()) {
            hits.add(new RuleResult.Hit(NODE_LIMIT, Details.map("cluster_networks", nodeLimits)));
        }
        return hits.isEmpty() ? RuleResult.pass() : RuleResult.hits(hits);
    }

    /** The largest {@code status.capacity.pods} of any node, or the default when no node says. */
    private static int maxPods(Collection<JsonNode> nodes) {
        int max = 0;
        for (JsonNode node : nodes) {
            String pods = Resources.text(node.path("status").path("capacity").path("pods"));
            if (pods != null && pods.matches("\\d{1,6}")) {
                max = Math.max(max, Integer.parseInt(pods));
            }
        }
        return max == 0 ? DEFAULT_MAX_PODS : max;
    }
}
