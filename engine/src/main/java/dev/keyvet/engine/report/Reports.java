package dev.keyvet.engine.report;

import java.util.List;
import java.util.Locale;

/**
 * The report formats by name: {@code text}, {@code json}, {@code sarif}, {@code junit}, {@code
 * github}.
 */
public final class Reports {
  /** The format names, in the order help texts list them. */
  public static final List<String> FORMATS = List.of("text", "json", "sarif", "junit", "github");

  /** keyvet's home page, SARIF's {@code informationUri}. */
  static final String HOME = "https://keyvet.dev";

  private Reports() {}

  /** The reporter of format {@code name}, with {@link ReportOptions#DEFAULT}. */
  public static Reporter forFormat(String name) {
    return forFormat(name, ReportOptions.DEFAULT);
  }

  /**
   * The reporter of format {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException for a name that is not a format, listing the valid ones
   */
  public static Reporter forFormat(String name, ReportOptions options) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (key) {
      case "text":
        return new TextReporter(options.terminal());
      case "json":
        return new JsonReporter();
      case "sarif":
        return new SarifReporter(options.toolVersion());
      case "junit":
        return new JunitReporter(options.failAt());
      case "github":
        return new GithubReporter();
      default:
        throw new IllegalArgumentException(
            "unknown report format `" + name + "`; valid formats: " + String.join(", ", FORMATS));
    }
  }

  /** The version of the running keyvet, from its jar's manifest, or {@code development}. */
  public static String toolVersion() {
    String v = Reports.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? "development" : v;
  }
}
