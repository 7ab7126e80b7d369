package dev.keyvet.engine.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dates as IAM reads them: the W3C profile of ISO 8601 ({@code YYYY}, {@code YYYY-MM}, {@code
 * YYYY-MM-DD}, {@code YYYY-MM-DDThh:mmTZD}, {@code ...:ssTZD}, {@code ...:ss.sTZD}, with TZD {@code
 * Z} or {@code ±hh:mm}), or whole epoch seconds.
 */
public final class IamDates {
  private IamDates() {}

  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,12}");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-\\d{2}");
  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

  /** The instant {@code text} denotes, or empty when it is not an IAM date. */
  public static Optional<Instant> parse(String text) {
    try {
      if (EPOCH.matcher(text).matches() && !YEAR.matcher(text).matches()) {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
      }
      if (YEAR.matcher(text).matches()) {
        return Optional.of(
            LocalDate.of(Integer.parseInt(text), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      if (YEAR_MONTH.matcher(text).matches()) {
        return Optional.of(LocalDate.parse(text + "-01").atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      if (DAY.matcher(text).matches()) {
        return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      if (DATE_TIME.matcher(text).matches()) {
        String full =
            text.charAt(16) == ':' ? text : text.substring(0, 16) + ":00" + text.substring(16);
        return Optional.of(
            OffsetDateTime.parse(full, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
      }
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
