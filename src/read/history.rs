//! A letter's signatures over time: how many of the signatures that stand
//! today were confirmed in each hour and each day, the milestones, and the
//! chart drawn from them (server-side SVG, no script needed to see it).
//!
//! One `GROUP BY` over the letter's confirmed signatures, on the index the
//! list uses; callers cache the result for a minute (a chart need not move
//! every second, and a letter with a million signatures should not be scanned
//! for every reader).

use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;

use crate::error::Result;
use crate::i18n::{long_date, number, t_args};

/// Signatures confirmed in one hour or day, and the total up to its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub(crate) struct Bucket {
    pub start: DateTime<Utc>,
    pub signatures: i64,
    pub cumulative: i64,
}

/// A round number (or the letter's goal) and the hour in which it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub(crate) struct Milestone {
    pub signatures: i64,
    pub reached_in_hour: DateTime<Utc>,
    pub goal: bool,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct History {
    pub total: i64,
    pub hourly: Vec<Bucket>,
    pub daily: Vec<Bucket>,
    pub milestones: Vec<Milestone>,
}

/// The letter's confirmed signatures counted by the hour they were confirmed in.
pub(crate) async fn of_letter(
    db: &impl ConnectionTrait,
    letter_id: i64,
    goal: Option<i64>,
) -> Result<History> {
    let hours = crate::db::signatures::confirmed_per_hour(db, letter_id).await?;
    Ok(History::from_hours(&hours, goal))
}

/// Several letters' (a campaign's) confirmed signatures together, by the hour.
pub(crate) async fn of_letters(db: &impl ConnectionTrait, letter_ids: &[i64]) -> Result<History> {
    let mut hours: std::collections::BTreeMap<DateTime<Utc>, i64> = Default::default();
    for id in letter_ids {
        for (hour, n) in crate::db::signatures::confirmed_per_hour(db, *id).await? {
            *hours.entry(hour).or_default() += n;
        }
    }
    let hours: Vec<(DateTime<Utc>, i64)> = hours.into_iter().collect();
    Ok(History::from_hours(&hours, None))
}

impl History {
    /// Builds the buckets and milestones from (hour, signatures) in time order.
    pub(crate) fn from_hours(hours: &[(DateTime<Utc>, i64)], goal: Option<i64>) -> History {
        let hourly = cumulate(hours.iter().copied());
        let mut days: Vec<(DateTime<Utc>, i64)> = Vec::new();
        for (start, n) in hours {
            let day = Utc.from_utc_datetime(&start.date_naive().and_hms_opt(0, 0, 0).unwrap());
            match days.last_mut() {
                Some((d, total)) if *d == day => *total += n,
                _ => days.push((day, *n)),
            }
        }
        let daily = cumulate(days.into_iter());
        let total = hourly.last().map_or(0, |b| b.cumulative);
        let mut marks: Vec<(i64, bool)> =
            std::iter::successors(Some(100i64), |m| m.checked_mul(10))
                .take_while(|m| *m <= total)
                .map(|m| (m, false))
                .collect();
        if let Some(g) = goal.filter(|g| *g > 0 && *g <= total) {
            marks.retain(|(m, _)| *m != g);
            marks.push((g, true));
            marks.sort();
        }
        let milestones = marks
            .into_iter()
            .filter_map(|(signatures, goal)| {
                hourly
                    .iter()
                    .find(|b| b.cumulative >= signatures)
                    .map(|b| Milestone {
                        signatures,
                        reached_in_hour: b.start,
                        goal,
                    })
            })
            .collect();
        History {
            total,
            hourly,
            daily,
            milestones,
        }
    }
}

fn cumulate(counts: impl Iterator<Item = (DateTime<Utc>, i64)>) -> Vec<Bucket> {
    let mut cumulative = 0;
    counts
        .map(|(start, signatures)| {
            cumulative += signatures;
            Bucket {
                start,
                signatures,
                cumulative,
            }
        })
        .collect()
}

/// The chart's drawing, in SVG user units, for `templates/public/chart.svg.tera`.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    /// The language its words are in.
    pub lang: String,
    pub width: u32,
    pub height: u32,
    pub title: String,
    /// "hour" or "day".
    pub bucket: &'static str,
    pub total: i64,
    /// Text for screen readers and for anyone the picture does not reach.
    pub description: String,
    /// The cumulative line as SVG points, and the same closed along the axis.
    pub line: String,
    pub area: String,
    pub y_ticks: Vec<Tick>,
    pub x_ticks: Vec<Tick>,
    pub milestones: Vec<MilestoneMark>,
    pub plot: Plot,
}

#[derive(Debug, Serialize)]
pub(crate) struct Plot {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

#[derive(Debug, Serialize)]
pub(crate) struct Tick {
    pub at: f64,
    pub label: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct MilestoneMark {
    pub x: f64,
    pub label: String,
    pub goal: bool,
}

const WIDTH: u32 = 720;
const HEIGHT: u32 = 360;

impl Chart {
    /// Lays out `history` for a letter titled `title`, its words in `lang`.
    /// Hourly buckets while the letter is younger than three days, daily after.
    pub(crate) fn draw(title: &str, history: &History, lang: &str) -> Chart {
        let plot = Plot {
            left: 64.0,
            right: f64::from(WIDTH) - 24.0,
            top: 48.0,
            bottom: f64::from(HEIGHT) - 44.0,
        };
        let hourly_span = match (history.hourly.first(), history.hourly.last()) {
            (Some(a), Some(b)) => b.start - a.start,
            _ => Duration::zero(),
        };
        let (bucket, step, buckets) = if hourly_span <= Duration::hours(72) {
            ("hour", Duration::hours(1), &history.hourly)
        } else {
            ("day", Duration::days(1), &history.daily)
        };
        let mut chart = Chart {
            lang: lang.to_owned(),
            width: WIDTH,
            height: HEIGHT,
            title: title.to_owned(),
            bucket,
            total: history.total,
            description: describe(history, bucket, lang),
            line: String::new(),
            area: String::new(),
            y_ticks: Vec::new(),
            x_ticks: Vec::new(),
            milestones: Vec::new(),
            plot,
        };
        let (Some(first), Some(last)) = (buckets.first(), buckets.last()) else {
            return chart;
        };
        let t0 = first.start;
        let t1 = last.start + step;
        let span = (t1 - t0).num_seconds().max(1) as f64;
        let top = nice_ceiling(history.total);
        let p = &chart.plot;
        let x =
            |t: DateTime<Utc>| p.left + (t - t0).num_seconds() as f64 / span * (p.right - p.left);
        let y = |n: i64| p.bottom - n as f64 / top as f64 * (p.bottom - p.top);
        let mut points = vec![(x(t0), y(0))];
        for b in buckets {
            points.push((x(b.start + step), y(b.cumulative)));
        }
        let line: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{px:.1},{py:.1}"))
            .collect();
        chart.line = line.join(" ");
        chart.area = format!(
            "{} {:.1},{:.1} {:.1},{:.1}",
            chart.line,
            x(t1),
            p.bottom,
            x(t0),
            p.bottom
        );
        chart.y_ticks = [0, top / 2, top]
            .iter()
            .map(|n| Tick {
                at: y(*n),
                label: number(lang, *n as u64),
            })
            .collect();
        let date = |t: DateTime<Utc>| {
            if bucket == "hour" {
                crate::i18n::long_date_time(lang, t.naive_utc())
            } else {
                crate::i18n::long_date(lang, t.date_naive())
            }
        };
        chart.x_ticks = vec![
            Tick {
                at: x(t0),
                label: date(t0),
            },
            Tick {
                at: x(t1),
                label: date(t1),
            },
        ];
        chart.milestones = history
            .milestones
            .iter()
            .map(|m| MilestoneMark {
                // The end of the hour in which it was reached, within this bucket size.
                x: x((m.reached_in_hour + Duration::hours(1)).min(t1)),
                label: if m.goal {
                    t_args(
                        lang,
                        "chart-goal",
                        &[("count", number(lang, m.signatures as u64).into())],
                    )
                } else {
                    number(lang, m.signatures as u64)
                },
                goal: m.goal,
            })
            .collect();
        chart
    }
}

fn describe(history: &History, bucket: &str, lang: &str) -> String {
    let mut text = t_args(
        lang,
        "chart-description",
        &[
            ("n", (history.total.max(0) as u64).into()),
            ("count", number(lang, history.total.max(0) as u64).into()),
            ("bucket", bucket.into()),
        ],
    );
    if let Some(first) = history.hourly.first() {
        text.push(' ');
        text.push_str(&t_args(
            lang,
            "chart-first",
            &[("date", long_date(lang, first.start.date_naive()).into())],
        ));
    }
    for m in &history.milestones {
        text.push(' ');
        text.push_str(&t_args(
            lang,
            if m.goal {
                "chart-goal-reached"
            } else {
                "chart-milestone"
            },
            &[
                ("count", number(lang, m.signatures as u64).into()),
                (
                    "date",
                    long_date(lang, m.reached_in_hour.date_naive()).into(),
                ),
                ("time", m.reached_in_hour.format("%H:00").to_string().into()),
            ],
        ));
    }
    text
}

/// The smallest of 1, 2, 5 × 10ⁿ at or above `n` (at least 10).
fn nice_ceiling(n: i64) -> i64 {
    let mut scale = 1i64;
    loop {
        for m in [1, 2, 5] {
            if m * scale >= n.max(10) {
                return m * scale;
            }
        }
        scale *= 10;
    }
}

/// 1234567 → "1,234,567".
pub(crate) fn thousands(n: i64) -> String {
    use num_format::{Locale, ToFormattedString};
    n.to_formatted_string(&Locale::en)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn buckets_add_up_by_hour_and_by_day_and_milestones_fall_where_crossed() {
        let hours = [
            (at("2026-11-20T09:00:00Z"), 60),
            (at("2026-11-20T10:00:00Z"), 50),
            (at("2026-11-21T08:00:00Z"), 900),
            (at("2026-11-21T09:00:00Z"), 5),
        ];
        let h = History::from_hours(&hours, Some(1000));
        assert_eq!(h.total, 1015);
        assert_eq!(
            h.hourly.iter().map(|b| b.cumulative).collect::<Vec<_>>(),
            [60, 110, 1010, 1015]
        );
        assert_eq!(h.daily.len(), 2);
        assert_eq!(h.daily[0].start, at("2026-11-20T00:00:00Z"));
        assert_eq!((h.daily[0].signatures, h.daily[1].signatures), (110, 905));
        // 100 in the second hour; 1,000 (also the goal, once) in the third.
        assert_eq!(
            h.milestones,
            [
                Milestone {
                    signatures: 100,
                    reached_in_hour: at("2026-11-20T10:00:00Z"),
                    goal: false
                },
                Milestone {
                    signatures: 1000,
                    reached_in_hour: at("2026-11-21T08:00:00Z"),
                    goal: true
                },
            ]
        );
    }

    #[test]
    fn the_chart_rises_left_to_right_inside_its_plot_and_marks_milestones() {
        let hours = [
            (at("2026-11-20T09:00:00Z"), 60),
            (at("2026-11-20T10:00:00Z"), 50),
            (at("2026-11-20T13:00:00Z"), 40),
        ];
        let chart = Chart::draw("A letter", &History::from_hours(&hours, None), "en");
        assert_eq!(chart.bucket, "hour");
        let points: Vec<(f64, f64)> = chart
            .line
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        assert_eq!(points.len(), 4);
        for w in points.windows(2) {
            assert!(w[1].0 > w[0].0, "time moves right: {points:?}");
            assert!(w[1].1 < w[0].1, "the count rises (y falls): {points:?}");
        }
        let p = &chart.plot;
        assert!(points
            .iter()
            .all(|(x, y)| *x >= p.left && *x <= p.right && *y >= p.top && *y <= p.bottom));
        assert_eq!(chart.y_ticks.last().unwrap().label, "200");
        assert_eq!(chart.milestones.len(), 1);
        assert_eq!(chart.milestones[0].label, "100");
        assert!(chart.description.starts_with("150 signatures in all"));
    }

    #[test]
    fn a_long_history_is_drawn_by_the_day() {
        let hours: Vec<_> = (0..10)
            .map(|d| (at("2026-11-01T12:00:00Z") + Duration::days(d), 10))
            .collect();
        let chart = Chart::draw("A letter", &History::from_hours(&hours, None), "en");
        assert_eq!(chart.bucket, "day");
        assert_eq!(chart.line.split(' ').count(), 11);
    }

    #[test]
    fn numbers_read_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(nice_ceiling(0), 10);
        assert_eq!(nice_ceiling(150), 200);
        assert_eq!(nice_ceiling(1_000_001), 2_000_000);
    }
}
