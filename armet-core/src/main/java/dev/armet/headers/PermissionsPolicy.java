package dev.armet.headers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * An immutable {@code Permissions-Policy} (W3C Permissions Policy, structured-field syntax).
 *
 * <p>The default turns off powerful features that a page which does not use them never needs, and
 * that no default browser behaviour depends on: sensors, camera, microphone, geolocation, payment,
 * USB/serial/HID, display capture, and the Topics API. Features whose loss would break ordinary
 * pages ({@code fullscreen}, {@code autoplay}, WebAuthn) are left to the browser's default.
 *
 * <pre>{@code
 * PermissionsPolicy pp = PermissionsPolicy.create(p -> p.allowSelf("camera").allow("geolocation",
 *     "https://maps.example"));
 * }</pre>
 */
public final class PermissionsPolicy {
  private static final Pattern FEATURE = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

  private static final List<String> DISABLED_BY_DEFAULT =
      List.of(
          "accelerometer",
          "browsing-topics",
          "camera",
          "display-capture",
          "geolocation",
          "gyroscope",
          "hid",
          "idle-detection",
          "magnetometer",
          "microphone",
          "midi",
          "payment",
          "serial",
          "usb",
          "xr-spatial-tracking");

  private static final PermissionsPolicy DEFAULTS = create(b -> {});

  private final Map<String, List<String>> features;
  private final String value;

  private PermissionsPolicy(Map<String, List<String>> features) {
    this.features = features;
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<String>> f : features.entrySet()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(f.getKey()).append("=(").append(String.join(" ", f.getValue())).append(')');
    }
    this.value = out.toString();
  }

  /** The default policy: the features listed above set to {@code ()} (allowed nowhere). */
  public static PermissionsPolicy defaults() {
    return DEFAULTS;
  }

  /** The defaults, adjusted by {@code config}. */
  public static PermissionsPolicy create(Consumer<Builder> config) {
    Builder b = new Builder();
    DISABLED_BY_DEFAULT.forEach(b::disable);
    config.accept(b);
    return b.build();
  }

  /** An empty builder (no features listed). */
  public static Builder builder() {
    return new Builder();
  }

  /** Feature name → allow-list as written ({@code self}, {@code "https://…"}, {@code *}). */
  public Map<String, List<String>> features() {
    return features;
  }

  /** The header value. */
  @Override
  public String toString() {
    return value;
  }

  /** Builds a {@link PermissionsPolicy}. */
  public static final class Builder {
    private final Map<String, List<String>> features = new LinkedHashMap<>();

    private Builder() {}

    /** Allows the feature nowhere: {@code feature=()}. */
    public Builder disable(String feature) {
      features.put(checkFeature(feature), List.of());
      return this;
    }

    /** Allows the feature for this origin only: {@code feature=(self)}. */
    public Builder allowSelf(String feature) {
      features.put(checkFeature(feature), List.of("self"));
      return this;
    }

    /** Allows the feature for this origin and the given origins. */
    public Builder allow(String feature, String... origins) {
      List<String> list = new ArrayList<>();
      list.add("self");
      for (String o : origins) {
        if (o.equals("*")) {
          list.clear();
          list.add("*");
          break;
        }
        if (!ORIGIN.matcher(o).matches()) {
          throw new IllegalArgumentException(
              "Permissions-Policy "
                  + feature
                  + ": origin must look like https://host[:port], was "
                  + HeaderValues.printable(o));
        }
        list.add('"' + o + '"');
      }
      features.put(checkFeature(feature), List.copyOf(list));
      return this;
    }

    /** Leaves the feature to the browser's default (removes it from the policy). */
    public Builder unset(String feature) {
      features.remove(feature);
      return this;
    }

    public PermissionsPolicy build() {
      return new PermissionsPolicy(Collections.unmodifiableMap(new LinkedHashMap<>(features)));
    }

    private static String checkFeature(String feature) {
      if (feature == null || !FEATURE.matcher(feature).matches()) {
        throw new IllegalArgumentException(
            "Permissions-Policy feature name must be lower-case "
                + "letters, digits and '-', was "
                + (feature == null ? "null" : HeaderValues.printable(feature)));
      }
      return feature;
    }
  }
}
