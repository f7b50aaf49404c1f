package dev.casebook.core.canon.json;

import java.time.LocalDate;

/**
 * What Newtonsoft.Json 6.0.8's reader does to a string value that looks like a date (its default
 * {@code DateParseHandling.DateTime}, {@code DateTimeZoneHandling.RoundtripKind}): it becomes a
 * {@code DateTime}, which {@code ToString} writes back in its own ISO form. Ported from
 * {@code DateTimeParser.Parse} and {@code DateTimeUtils.TryParseDateIso / TryParseDateMicrosoft /
 * WriteDateTimeString}. An offset is moved into the machine's local zone, which this profile takes to be
 * UTC: {@code 2020-01-01T00:00:00+02:00} becomes {@code 2019-12-31T22:00:00+00:00}; on a machine in
 * another zone Newtonsoft writes other bytes.
 */
final class NewtonsoftDates {

    private static final long TICKS_PER_SECOND = 10_000_000L;
    private static final long TICKS_PER_DAY = 86_400L * TICKS_PER_SECOND;
    private static final long MAX_TICKS = 3_155_378_975_999_999_999L;
    private static final long JAVASCRIPT_EPOCH_TICKS = 621_355_968_000_000_000L;
    private static final long DAY_ZERO = LocalDate.of(1, 1, 1).toEpochDay();

    private enum Kind { UNSPECIFIED, UTC, LOCAL }

    private NewtonsoftDates() {
    }

    /** The string as Newtonsoft writes it back: rewritten when it reads as a date, else itself. */
    static String rewrite(String s) throws JsonSyntaxException {
        if (s.isEmpty()) {
            return s;
        }
        if (s.charAt(0) == '/') {
            return s.startsWith("/Date(") && s.endsWith(")/") ? microsoft(s) : s;
        }
        if (s.length() >= 19 && s.length() <= 40 && Character.isDigit(s.charAt(0)) && s.charAt(10) == 'T') {
            return iso(s);
        }
        return s;
    }

    private static String iso(String s) {
        Parser p = new Parser(s);
        if (!p.parse()) {
            return s;
        }
        long days = LocalDate.of(p.year, p.month, p.day).toEpochDay() - DAY_ZERO;
        long ticks = days * TICKS_PER_DAY + (p.hour * 3600L + p.minute * 60L + p.second) * TICKS_PER_SECOND + p.fraction;
        long offset = (p.zoneHour * 3600L + p.zoneMinute * 60L) * TICKS_PER_SECOND;
        return switch (p.zone) {
            case UNSPECIFIED -> write(ticks, Kind.UNSPECIFIED);
            case UTC -> write(ticks, Kind.UTC);
            // Into the local zone (UTC here): west of UTC adds the offset, east subtracts it, clamped to DateTime's range.
            case WEST -> write(Math.min(ticks + offset, MAX_TICKS), Kind.LOCAL);
            case EAST -> write(Math.max(ticks - offset, 0), Kind.LOCAL);
        };
    }

    /** {@code /Date(ms)/} or {@code /Date(ms+hhmm)/}: milliseconds since 1970 in UTC; an offset only makes it local. */
    private static String microsoft(String s) throws JsonSyntaxException {
        String value = s.substring(6, s.length() - 2);
        if (value.isEmpty()) {
            throw new JsonSyntaxException("ArgumentOutOfRangeException: startIndex (in /Date()/)", 0);
        }
        Kind kind = Kind.UTC;
        int index = value.indexOf('+', 1);
        if (index == -1) {
            index = value.indexOf('-', 1);
        }
        if (index != -1) {
            kind = Kind.LOCAL;
            readOffset(value.substring(index)); // only checked: a DateTime keeps no offset
            value = value.substring(0, index);
        }
        Long milliseconds = parseDotnetInteger(value);
        if (milliseconds == null) {
            return s; // not a date after all: the string stays
        }
        long ticks = milliseconds * 10_000L + JAVASCRIPT_EPOCH_TICKS; // C#'s unchecked arithmetic wraps as Java's does
        if (ticks < 0 || ticks > MAX_TICKS) {
            throw new JsonSyntaxException("ArgumentOutOfRangeException: Ticks must be between DateTime.MinValue.Ticks and "
                    + "DateTime.MaxValue.Ticks", 0);
        }
        return write(ticks, kind);
    }

    /** {@code ReadOffset}: {@code int.Parse} of two characters for the hours, and of two more for the minutes when there are. */
    private static void readOffset(String offset) throws JsonSyntaxException {
        if (offset.length() < 3 || parseDotnetInteger(offset.substring(1, 3)) == null
                || (offset.length() >= 5 && parseDotnetInteger(offset.substring(3, 5)) == null)) {
            throw new JsonSyntaxException("FormatException or ArgumentOutOfRangeException reading the offset of " + offset, 0);
        }
    }

    /** {@code long.TryParse(s, NumberStyles.Integer, InvariantCulture)}: white space around, one sign, ASCII digits. */
    private static Long parseDotnetInteger(String s) {
        String t = s.strip();
        int i = !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+') ? 1 : 0;
        if (i == t.length()) {
            return null;
        }
        for (int k = i; k < t.length(); k++) {
            if (t.charAt(k) < '0' || t.charAt(k) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** {@code WriteDefaultIsoDate} and the kind's suffix: Z for UTC, the local offset (+00:00 here) for local, none otherwise. */
    private static String write(long ticks, Kind kind) {
        LocalDate date = LocalDate.ofEpochDay(DAY_ZERO + ticks / TICKS_PER_DAY);
        long inDay = ticks % TICKS_PER_DAY;
        long seconds = inDay / TICKS_PER_SECOND;
        StringBuilder b = new StringBuilder(33);
        b.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth(),
                seconds / 3600, seconds / 60 % 60, seconds % 60));
        long fraction = inDay % TICKS_PER_SECOND;
        if (fraction != 0) {
            int digits = 7;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            b.append('.').append(String.format("%0" + digits + "d", fraction));
        }
        return b.append(kind == Kind.UTC ? "Z" : kind == Kind.LOCAL ? "+00:00" : "").toString();
    }

    /** {@code DateTimeParser}: yyyy-MM-ddTHH:mm:ss, up to seven fraction digits, then Z, nothing, or ±hh[[:]mm]. */
    private static final class Parser {
        private enum Zone { UNSPECIFIED, UTC, WEST, EAST }

        private final String text;
        private final int length;
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        int fraction;
        int zoneHour;
        int zoneMinute;
        Zone zone = Zone.UNSPECIFIED;

        Parser(String text) {
            this.text = text;
            this.length = text.length();
        }

        boolean parse() {
            return date() && isChar(10, 'T') && time() ;
        }

        private boolean date() {
            year = digits(0, 4);
            if (year < 1 || !isChar(4, '-')) {
                return false;
            }
            month = digits(5, 2);
            if (month < 1 || month > 12 || !isChar(7, '-')) {
                return false;
            }
            day = digits(8, 2);
            return day >= 1 && day <= LocalDate.of(year, month, 1).lengthOfMonth();
        }

        private boolean time() {
            hour = digits(11, 2);
            if (hour < 0 || hour >= 24 || !isChar(13, ':')) {
                return false;
            }
            minute = digits(14, 2);
            if (minute < 0 || minute >= 60 || !isChar(16, ':')) {
                return false;
            }
            second = digits(17, 2);
            if (second < 0 || second >= 60) {
                return false;
            }
            int start = 19;
            if (isChar(start, '.')) {
                int count = 0;
                while (++start < length && count < 7) {
                    int digit = text.charAt(start) - '0';
                    if (digit < 0 || digit > 9) {
                        break;
                    }
                    fraction = fraction * 10 + digit;
                    count++;
                }
                if (count < 7) {
                    if (count == 0) {
                        return false;
                    }
                    for (int k = count; k < 7; k++) {
                        fraction *= 10;
                    }
                }
            }
            return zone(start);
        }

        /** As the original: a sign with two digits, then optionally ':' and two digits, or two digits; the whole text used. */
        private boolean zone(int start) {
            if (start < length) {
                char ch = text.charAt(start);
                if (ch == 'Z' || ch == 'z') {
                    zone = Zone.UTC;
                    start++;
                } else {
                    int h = start + 2 < length ? digits(start + 1, 2) : -1;
                    if (h >= 0) {
                        if (ch == '-') {
                            zoneHour = h;
                            zone = Zone.WEST;
                            start += 3;
                        } else if (ch == '+') {
                            zoneHour = h;
                            zone = Zone.EAST;
                            start += 3;
                        }
                    }
                    if (start < length) {
                        if (isChar(start, ':')) {
                            start++;
                        }
                        int m = start + 1 < length ? digits(start, 2) : -1;
                        if (m >= 0) {
                            zoneMinute = m;
                            start += 2;
                        }
                    }
                }
            }
            return start == length;
        }

        private boolean isChar(int at, char c) {
            return at < length && text.charAt(at) == c;
        }

        /** {@code count} ASCII digits at {@code at} as a number, or -1. */
        private int digits(int at, int count) {
            if (at + count > length) {
                return -1;
            }
            int n = 0;
            for (int k = 0; k < count; k++) {
                int d = text.charAt(at + k) - '0';
                if (d < 0 || d > 9) {
                    return -1;
                }
                n = n * 10 + d;
            }
            return n;
        }
    }
}
