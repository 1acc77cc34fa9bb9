package dev.ebb.worker.periodic;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * A cron expression, in UTC: five fields ({@code minute hour day-of-month month day-of-week}) or six with seconds
 * first. Each field is {@code *}, a number, a range {@code a-b}, a step ({@code *} or a range, then {@code /n}),
 * or a list of those; day of week 0-7 (0 and 7 are Sunday). As in Vixie cron, when both day fields are restricted a day matches
 * either. Pure: {@link #next(Instant)} is all the scheduler asks.
 */
public final class CronSchedule {

  private static final int SEARCH_YEARS = 5;

  private final String text;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean daysRestricted;
  private final boolean weekdaysRestricted;

  private CronSchedule(String text, String[] f) {
    this.text = text;
    int i = f.length == 6 ? 1 : 0;
    this.seconds = f.length == 6 ? field(f[0], 0, 59, "second") : single(0);
    this.minutes = field(f[i], 0, 59, "minute");
    this.hours = field(f[i + 1], 0, 23, "hour");
    this.days = field(f[i + 2], 1, 31, "day of month");
    this.months = field(f[i + 3], 1, 12, "month");
    BitSet week = field(f[i + 4], 0, 7, "day of week");
    if (week.get(7)) {
      week.set(0);
    }
    this.weekdays = week;
    this.daysRestricted = !f[i + 2].equals("*");
    this.weekdaysRestricted = !f[i + 4].equals("*");
  }

  public static CronSchedule parse(String text) {
    String[] fields = text.trim().split("\\s+");
    if (fields.length != 5 && fields.length != 6) {
      throw new IllegalArgumentException("cron '" + text + "' needs 5 fields (minute hour day month weekday) or 6 "
          + "(with seconds first)");
    }
    return new CronSchedule(text.trim(), fields);
  }

  /** The first tick strictly after {@code after}; null when there is none within five years (e.g. 30 February). */
  public Instant next(Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    ZonedDateTime limit = t.plusYears(SEARCH_YEARS);
    while (t.isBefore(limit)) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
      } else if (!seconds.get(t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return t.toInstant();
      }
    }
    return null;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean day = days.get(t.getDayOfMonth());
    boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
    if (daysRestricted && weekdaysRestricted) {
      return day || weekday;
    }
    return day && weekday;
  }

  private static BitSet single(int value) {
    BitSet bits = new BitSet();
    bits.set(value);
    return bits;
  }

  private static BitSet field(String text, int min, int max, String name) {
    BitSet bits = new BitSet();
    for (String part : text.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), 1, max, name + " step", text);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, name, text);
        to = number(ends[1], min, max, name, text);
        if (to < from) {
          throw new IllegalArgumentException(name + " range '" + range + "' runs backwards in '" + text + "'");
        }
      } else {
        from = number(range, min, max, name, text);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, int min, int max, String name, String field) {
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " " + value + " is outside " + min + "-" + max + " in '" + field
            + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + text + "' is not a number in '" + field + "'");
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
