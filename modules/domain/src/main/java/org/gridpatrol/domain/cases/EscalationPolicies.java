package org.gridpatrol.domain.cases;

import static org.gridpatrol.domain.cases.ConfigMaps.list;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The city's escalation policies; a case follows the most specific one that covers it. */
public record EscalationPolicies(List<EscalationPolicy> policies) {

  public EscalationPolicies {
    policies = List.copyOf(policies);
    Set<String> names = new HashSet<>();
    for (EscalationPolicy policy : policies) {
      if (!names.add(policy.name())) {
        throw new IllegalArgumentException("two escalation policies are named " + policy.name());
      }
    }
  }

  /**
   * The policy for a case: of those covering its category and priority, the one naming the longest category
   * prefix; of equals, the first listed.
   */
  public Optional<EscalationPolicy> policyFor(String category, Priority priority) {
    return policies.stream().filter(policy -> policy.covers(category, priority))
        .max(Comparator.comparingInt(policy -> policy.specificity(category)))
        .map(best -> policies.stream().filter(p -> p.covers(category, priority)
            && p.specificity(category) == best.specificity(category)).findFirst().orElseThrow());
  }

  public Optional<EscalationPolicy> named(String name) {
    return policies.stream().filter(policy -> policy.name().equals(name)).findFirst();
  }

  /** The list with the named policy replaced, or added if there is none of that name. */
  public EscalationPolicies with(EscalationPolicy changed) {
    List<EscalationPolicy> all = new ArrayList<>(policies);
    all.removeIf(policy -> policy.name().equals(changed.name()));
    int at = policies.indexOf(named(changed.name()).orElse(null));
    all.add(at < 0 ? all.size() : at, changed);
    return new EscalationPolicies(all);
  }

  /** From the parsed {@code cases.yaml}: its {@code escalation} list. */
  public static EscalationPolicies fromMap(Map<?, ?> config) {
    List<EscalationPolicy> policies = new ArrayList<>();
    List<?> list = list(config, "escalation", "cases");
    for (int i = 0; i < list.size(); i++) {
      policies.add(EscalationPolicy.fromMap(list.get(i), "escalation[" + i + "]"));
    }
    return new EscalationPolicies(policies);
  }
}
