package dev.armet.spring.boot.actuate;

import dev.armet.env.ArmetEnvironment;
import dev.armet.headers.SecurityHeaders;
import dev.armet.keys.Keyring;
import dev.armet.spring.boot.ArmetStartupReport;
import dev.armet.spring.boot.ArmetStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/armet}: the start-up decisions, the findings (as {@code armet doctor} words
 * them), the key ring (its key ids, primary first, and whether it is production-ready; never a key:
 * the ids are the public labels tokens carry, derived one-way), the store and the active header and
 * CSP policy. Expose it like any endpoint ({@code
 * management.endpoints.web.exposure.include=armet}); it tells an attacker what is defended, so keep
 * it behind the management port or authentication.
 */
@Endpoint(id = "armet")
public class ArmetEndpoint {
  private final ArmetStartupReport report;
  private final ArmetEnvironment env;
  private final ArmetStores stores;
  private final Keyring keyring;
  private final SecurityHeaders headers;

  public ArmetEndpoint(
      ArmetStartupReport report,
      ArmetEnvironment env,
      ArmetStores stores,
      Keyring keyring,
      SecurityHeaders headers) {
    this.report = report;
    this.env = env;
    this.stores = stores;
    this.keyring = keyring;
    this.headers = headers;
  }

  @ReadOperation
  public Map<String, Object> armet() {
    Map<String, Object> out = new LinkedHashMap<>(report.facts());
    Map<String, Object> ring = new LinkedHashMap<>();
    ring.put("keys", keyring.size());
    // Key ids are the public labels tokens carry, derived one-way: never a key or a secret.
    ring.put("keyIds", keyring.keyIds());
    ring.put("primary", keyring.keyIds().get(0));
    ring.put("productionReady", keyring.isProductionReady());
    out.put("keyring", ring);
    out.put("headers", new LinkedHashMap<>(headers.constantHeaders(true)));
    if (headers.contentSecurityPolicyReportOnly() != null) {
      out.put("cspReportOnly", headers.contentSecurityPolicyReportOnly().toString());
    }
    out.put("findings", findings());
    return out;
  }

  private List<Map<String, String>> findings() {
    List<Map<String, String>> list = new ArrayList<>();
    if (stores.isMemory()) {
      list.add(
          finding(
              env.isProduction() ? "error" : "warning",
              "armet.store",
              "in-memory stores: sessions and limits are per instance and lost on restart",
              "armet.store=redis, jdbc or a store URI"));
    }
    if (!keyring.isProductionReady()) {
      list.add(
          finding(
              env.isProduction() ? "error" : "warning",
              "armet.secrets",
              "no strong secret configured: keys are generated per process",
              "ARMET_SECRETS=\"$(armet keys generate)\""));
    }
    if (!env.isProduction()) {
      list.add(
          finding(
              "info",
              "armet.env",
              "development mode: unsafe settings only warn",
              "armet.env=production (or ARMET_ENV=production) in production"));
    }
    return list;
  }

  private static Map<String, String> finding(
      String severity, String topic, String message, String fix) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("severity", severity);
    m.put("topic", topic);
    m.put("message", message);
    m.put("fix", fix);
    return m;
  }
}
