package contract;

import java.util.List;

/** A document that breaks its contract; carries every violation found, not only the first. */
public class ContractViolation extends RuntimeException {

    private final Contract contract;
    private final List<String> violations;

    public ContractViolation(Contract contract, List<String> violations) {
        super(contract.schemaName() + ": " + String.join("; ", violations));
        this.contract = contract;
        this.violations = List.copyOf(violations);
    }

    public Contract contract() {
        return contract;
    }

    public List<String> violations() {
        return violations;
    }
}
