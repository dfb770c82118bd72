package org.gridpatrol.domain.cases;

import java.util.Map;
import java.util.Objects;

/** The city's case configuration: the category tree and the escalation policies (config/cases.yaml). */
public record CasesConfig(CategoryTree categories, EscalationPolicies policies) {

  public CasesConfig {
    Objects.requireNonNull(categories, "categories");
    Objects.requireNonNull(policies, "policies");
    for (Category category : categories.categories()) {
      for (Priority priority : Priority.values()) {
        if (policies.policyFor(category.code(), priority).isEmpty()) {
          throw new IllegalArgumentException("no escalation policy covers " + category.code() + " at priority "
              + priority.wireName());
        }
      }
    }
  }

  /** @throws IllegalArgumentException naming the first entry that is missing or wrong */
  public static CasesConfig fromMap(Map<?, ?> document) {
    return new CasesConfig(CategoryTree.fromMap(document), EscalationPolicies.fromMap(document));
  }
}
