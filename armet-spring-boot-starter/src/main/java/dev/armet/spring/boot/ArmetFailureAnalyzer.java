package dev.armet.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Boot's start-up failure text for a refused Armet setting: the property, why, and the fix. */
public class ArmetFailureAnalyzer extends AbstractFailureAnalyzer<ArmetConfigurationException> {
  @Override
  protected FailureAnalysis analyze(Throwable root, ArmetConfigurationException cause) {
    String description =
        "Armet refused to start: the property '"
            + cause.property()
            + "' is unsafe or invalid.\n\nReason: "
            + cause.getMessage()
            + (cause.getCause() == null || cause.getCause().getMessage() == null
                ? ""
                : "\n\nDetail: " + cause.getCause().getMessage());
    return new FailureAnalysis(
        description, "Set '" + cause.property() + "': " + cause.fix(), cause);
  }
}
