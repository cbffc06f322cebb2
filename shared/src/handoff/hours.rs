//! Business hours: whether people are at work now, and when they are back (the
//! configured hours are read by `BusinessHours::schedule`).

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use chrono_tz::Tz;

use crate::config::BusinessHours;

/// Whether `now` is inside business hours (always, without open days or when the
/// configuration is broken — `agentctl config check` reports that).
pub fn is_open(hours: &BusinessHours, now: DateTime<Utc>) -> bool {
    let Ok(p) = hours.schedule() else {
        return true;
    };
    if p.days.is_empty() {
        return true;
    }
    let local = now.with_timezone(&p.tz);
    p.days.contains(&local.weekday()) && local.time() >= p.open && local.time() < p.close
}

/// When people are next at work after `now` (`None` when always open).
pub fn next_open(hours: &BusinessHours, now: DateTime<Utc>) -> Option<DateTime<Tz>> {
    let p = hours.schedule().ok()?;
    if p.days.is_empty() {
        return None;
    }
    let local = now.with_timezone(&p.tz);
    (0..8).find_map(|ahead| {
        let date = local.date_naive() + Duration::days(ahead);
        if !p.days.contains(&date.weekday()) {
            return None;
        }
        let at =
            p.tz.from_local_datetime(&date.and_time(p.open))
                .earliest()?;
        (at > local).then_some(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weekdays(tz: &str) -> BusinessHours {
        BusinessHours {
            timezone: tz.into(),
            days: ["mon", "tue", "wed", "thu", "fri"]
                .map(String::from)
                .to_vec(),
            open: "09:00".into(),
            close: "17:00".into(),
        }
    }

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn open_on_weekdays_in_local_time() {
        let h = weekdays("Europe/Amsterdam");
        // Tuesday 2026-12-01, 08:30 UTC = 09:30 in Amsterdam (winter time)
        assert!(is_open(&h, utc("2026-12-01T08:30:00Z")));
        assert!(!is_open(&h, utc("2026-12-01T07:30:00Z")), "08:30 local");
        assert!(
            !is_open(&h, utc("2026-12-01T16:00:00Z")),
            "17:00 local is closed"
        );
        assert!(!is_open(&h, utc("2026-12-05T10:00:00Z")), "Saturday");
        assert!(
            is_open(&BusinessHours::default(), utc("2026-12-05T03:00:00Z")),
            "no days: always"
        );
    }

    #[test]
    fn next_opening() {
        let h = weekdays("Europe/Amsterdam");
        let friday_evening = utc("2026-12-04T18:00:00Z");
        let next = next_open(&h, friday_evening).unwrap();
        assert_eq!(
            crate::text::replies::when(&next, friday_evening),
            "Monday 09:00"
        );
        let early = utc("2026-12-01T06:00:00Z");
        assert_eq!(
            crate::text::replies::when(&next_open(&h, early).unwrap(), early),
            "09:00"
        );
        assert_eq!(next_open(&BusinessHours::default(), early), None);
    }

    #[test]
    fn bad_configuration_is_reported() {
        let mut h = weekdays("Mars/Olympus");
        assert!(h.schedule().map(|_| ()).unwrap_err().contains("time zone"));
        h.timezone = "UTC".into();
        h.days.push("funday".into());
        assert!(h.schedule().map(|_| ()).unwrap_err().contains("funday"));
        h.days.pop();
        h.close = "08:00".into();
        assert!(h.schedule().map(|_| ()).is_err());
    }
}
