//! Timestamps on the wire: RFC 3339 text, read and written as chrono's own serde support does,
//! without its costs.
//!
//! chrono writes a timestamp through serde's `collect_str`, a character at a time, and
//! serde_json escapes each character as a string of its own: with a few dozen timestamps an
//! object took longer to encode than the same object as a `serde_json::Value`. It reads every
//! timestamp with its relaxed parser, which walks a list of format items. [`Rfc3339`] writes the
//! same text in one piece and tries chrono's strict RFC 3339 parser first, falling back on the
//! relaxed one, so it accepts exactly what chrono accepts, as the same instant.

use std::fmt;

use chrono::{DateTime, Datelike, FixedOffset, SecondsFormat, Timelike, Utc};
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

/// The `serde_with` adapter of a timestamp field: `DateTime<Utc>` as RFC 3339 text.
pub struct Rfc3339;

impl SerializeAs<DateTime<Utc>> for Rfc3339 {
    fn serialize_as<S: Serializer>(
        value: &DateTime<Utc>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut text = Text::default();
        if text.write_common(value) {
            serializer.serialize_str(text.as_str())
        } else {
            serializer.serialize_str(&value.to_rfc3339_opts(SecondsFormat::AutoSi, true))
        }
    }
}

/// The text of a timestamp, written on the stack.
#[derive(Default)]
struct Text {
    bytes: [u8; 30],
    len: usize,
}

impl Text {
    /// Writes what chrono's `Serialize` writes for an instant of the years 0 to 9999 that is not
    /// a leap second (seconds with 0, 3, 6 or 9 decimals, then `Z`), where every part has a fixed
    /// width; says false, writing nothing, for any other instant.
    fn write_common(&mut self, instant: &DateTime<Utc>) -> bool {
        // The accessors of a `DateTime` each add its offset again: ask the naive instant.
        let naive = instant.naive_utc();
        let (date, time) = (naive.date(), naive.time());
        let year = date.year();
        let nanos = time.nanosecond();
        if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
            return false;
        }
        self.number(year.unsigned_abs(), 4);
        for (separator, part) in [
            (b'-', date.month()),
            (b'-', date.day()),
            (b'T', time.hour()),
            (b':', time.minute()),
            (b':', time.second()),
        ] {
            self.byte(separator);
            self.number(part, 2);
        }
        let (fraction, digits) = match nanos {
            0 => (0, 0),
            n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
            n if n % 1_000 == 0 => (n / 1_000, 6),
            n => (n, 9),
        };
        if digits > 0 {
            self.byte(b'.');
            self.number(fraction, digits);
        }
        self.byte(b'Z');
        true
    }

    fn byte(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// `value` in `digits` decimal digits, zero-padded.
    fn number(&mut self, mut value: u32, digits: usize) {
        for at in (self.len..self.len + digits).rev() {
            self.bytes[at] = b'0' + (value % 10) as u8;
            value /= 10;
        }
        self.len += digits;
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("ASCII digits and separators")
    }
}

impl<'de> DeserializeAs<'de, DateTime<Utc>> for Rfc3339 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
        deserializer.deserialize_str(TimestampText)
    }
}

struct TimestampText;

impl Visitor<'_> for TimestampText {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chrono's words, so that errors read as they did.
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime<Utc>, E> {
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| text.parse::<DateTime<FixedOffset>>())
            .map(|instant| instant.with_timezone(&Utc))
            .map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_with::de::DeserializeAsWrap;
    use serde_with::ser::SerializeAsWrap;

    fn through_chrono(text: &str) -> Result<DateTime<Utc>, String> {
        serde_json::from_value(serde_json::Value::from(text)).map_err(|error| error.to_string())
    }

    fn through_adapter(text: &str) -> Result<DateTime<Utc>, String> {
        serde_json::from_value::<DeserializeAsWrap<DateTime<Utc>, Rfc3339>>(
            serde_json::Value::from(text),
        )
        .map(DeserializeAsWrap::into_inner)
        .map_err(|error| error.to_string())
    }

    #[test]
    fn reads_what_chrono_reads_as_the_same_instant_and_refuses_what_it_refuses() {
        for text in [
            "2021-02-10T17:05:30Z",
            "2021-02-10T17:05:30.807834070Z",
            "2021-02-10t17:05:30.8z",
            "2021-02-10T17:05:30.123456789123Z",
            "2021-02-10T17:05:30+05:30",
            "2021-02-10T17:05:30-00:00",
            "2016-12-31T23:59:60Z",
            "2021-02-10 17:05:30 UTC",
            "2021-02-10T17:05:30 +0530",
            "+12021-02-10T17:05:30Z",
            "2021-02-10T17:05:30",
            "2021-02-30T17:05:30Z",
            "yesterday",
            "",
        ] {
            let chrono = through_chrono(text);
            let ours = through_adapter(text);
            assert_eq!(ours, chrono, "{text:?}");
            // The same instant down to the leap second.
            if let (Ok(ours), Ok(chrono)) = (ours, chrono) {
                assert_eq!(
                    ours.timestamp_subsec_nanos(),
                    chrono.timestamp_subsec_nanos()
                );
            }
        }
    }

    #[test]
    fn writes_the_text_chrono_writes() {
        for text in [
            "2021-02-10T17:05:30Z",
            "2021-02-10T17:05:30.800Z",
            "2021-02-10T17:05:30.807834Z",
            "2021-02-10T17:05:30.807834070Z",
            "2016-12-31T23:59:60.500Z",
            "+12021-02-10T17:05:30Z",
        ] {
            let instant = through_chrono(text).expect("a timestamp");
            let ours = serde_json::to_string(&SerializeAsWrap::<_, Rfc3339>::new(&instant));
            assert_eq!(
                ours.unwrap(),
                serde_json::to_string(&instant).unwrap(),
                "{text}"
            );
        }
    }

    #[test]
    fn writes_the_text_chrono_writes_across_years_and_fractions() {
        // Steps of a prime number of seconds reach every part of the date, past the year 9999
        // where chrono writes a sign; the fraction takes each of its widths in turn.
        let fractions = [0, 120_000_000, 123_450_000, 123_456_789];
        let mut instant = through_chrono("0000-01-01T00:00:00Z").expect("a timestamp");
        let mut steps = 0;
        while instant.year() <= 10_001 {
            let fraction = fractions[steps % fractions.len()];
            let at = instant
                .with_nanosecond(fraction)
                .expect("a fraction of a second");
            let expected = at.to_rfc3339_opts(SecondsFormat::AutoSi, true);
            assert_eq!(expected, serde_json::to_value(at).unwrap());
            let mut text = Text::default();
            if text.write_common(&at) {
                assert_eq!(text.as_str(), expected);
            } else {
                assert!(at.year() > 9999, "{expected}");
            }
            instant += chrono::TimeDelta::seconds(7_919_993);
            steps += 1;
        }
        assert!(steps > 30_000, "{steps}");
    }
}
