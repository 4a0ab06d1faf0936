//! Where each item stands at a date: pure — a plan and a date in, states out, no clock inside.
//!
//! # States
//!
//! An item's recorded status decides first: `done`, `partly_done` and `cancelled` are final.
//! Otherwise the item is judged against its deadline (the new one when it is postponed), in this
//! order, the first that holds:
//!
//! 1. **unknown** — the deadline is not understood (the plan does not check);
//! 2. **on demand** — the deadline has no due date («По запросу»): never overdue;
//! 3. **overdue** — its due date has passed; for recurring and multi-date work, some past
//!    occurrence is *missed* (see below), and the missed periods are named;
//! 4. **due soon** — due within `soon` days (for recurring work: the current occurrence,
//!    not yet covered);
//! 5. **postponed** — postponed, and the new deadline has not passed;
//! 6. **not started** — nothing is recorded: no `in_progress` status, no progress entry — whether
//!    the window is still ahead or already open («не начато, срок до 30.09»);
//! 7. **year-round** — work is recorded, and the window spans the whole plan period;
//! 8. **in progress** — work is recorded («в работе» means that and nothing else).
//!
//! # Occurrences and progress entries
//!
//! Recurring work («ежемесячно») and multi-date work («Июнь 2026, Ноябрь 2026») is judged per
//! occurrence. A progress entry counts for an occurrence when its date falls inside the
//! occurrence's period, from its first day to its due date or its last day, whichever is later.
//! An occurrence whose due date has passed with no such entry is missed.
//!
//! # Share done
//!
//! The share done counts what is *due* at the date: items whose due date has passed, plus items
//! already done or partly done early; cancelled and on-demand items that are not done do not
//! count. A done item counts 1, a partly done item ½ («выполнено частично» — some of the work, as
//! its result says), recurring work in progress the share of its past occurrences covered, and
//! anything else due 0.

use chrono::NaiveDate;
use serde::Serialize;

use crate::deadline::{Occurrence, PlanYear};
use crate::i18n::Lang;
#[cfg(test)]
use crate::model::Plan;
use crate::model::{Item, Status};

/// Where an item stands at the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum State {
    Overdue,
    DueSoon,
    InProgress,
    NotStarted,
    YearRound,
    OnDemand,
    Postponed,
    PartlyDone,
    Done,
    Cancelled,
    Unknown,
}

impl State {
    pub(crate) const ALL: [State; 11] = [
        State::Overdue,
        State::DueSoon,
        State::InProgress,
        State::NotStarted,
        State::YearRound,
        State::OnDemand,
        State::Postponed,
        State::PartlyDone,
        State::Done,
        State::Cancelled,
        State::Unknown,
    ];

    /// The id used in JSON, CSV and `--state`.
    pub(crate) fn id(self) -> &'static str {
        match self {
            State::Overdue => "overdue",
            State::DueSoon => "due_soon",
            State::InProgress => "in_progress",
            State::NotStarted => "not_started",
            State::YearRound => "year_round",
            State::OnDemand => "on_demand",
            State::Postponed => "postponed",
            State::PartlyDone => "partly_done",
            State::Done => "done",
            State::Cancelled => "cancelled",
            State::Unknown => "unknown",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<State> {
        let s = s.trim().to_lowercase().replace('-', "_");
        State::ALL
            .into_iter()
            .find(|st| st.id() == s || st.label(Lang::Ru) == s)
    }

    /// The state in words.
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        match self {
            State::Overdue => lang.pick("просрочено", "overdue"),
            State::DueSoon => lang.pick("скоро срок", "due soon"),
            State::InProgress => lang.pick("в работе", "in progress"),
            State::NotStarted => lang.pick("не начато", "not started"),
            State::YearRound => lang.pick("в течение года", "year-round"),
            State::OnDemand => lang.pick("по запросу", "on demand"),
            State::Postponed => lang.pick("перенесено", "postponed"),
            State::PartlyDone => lang.pick("выполнено частично", "partly done"),
            State::Done => lang.pick("выполнено", "done"),
            State::Cancelled => lang.pick("отменено", "cancelled"),
            State::Unknown => lang.pick("срок не понят", "deadline unclear"),
        }
    }
}

/// The evaluation of one item.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Eval {
    pub(crate) state: State,
    /// Days since the (earliest missed) due date, for overdue items.
    pub(crate) days_late: Option<i64>,
    /// Days until the due date, for items due soon.
    pub(crate) days_left: Option<i64>,
    /// Past occurrences with no progress entry.
    pub(crate) missed: Vec<Occurrence>,
    /// Occurrences due by the date, and how many of them are covered by progress entries.
    pub(crate) past: usize,
    pub(crate) covered: usize,
    /// The item's part in the share done: `None` when it is not due at the date.
    pub(crate) credit: Option<f64>,
    /// The due date the item is judged by now (for recurring work: the current occurrence's).
    pub(crate) due: Option<NaiveDate>,
}

/// Whether work on the item is recorded by the date: marked in progress, or a progress entry.
pub(crate) fn recorded(item: &Item, as_of: NaiveDate) -> bool {
    item.status == Status::InProgress || item.progress.iter().any(|p| p.date <= as_of)
}

/// Evaluate one item at `as_of`; `soon` is the number of days that counts as "due soon".
pub(crate) fn evaluate(item: &Item, as_of: NaiveDate, soon: i64, plan_year: PlanYear) -> Eval {
    let mut e = Eval {
        state: State::Unknown,
        days_late: None,
        days_left: None,
        missed: Vec::new(),
        past: 0,
        covered: 0,
        credit: None,
        due: None,
    };
    let deadline = item.effective_deadline();
    if let Some(d) = deadline
        && d.is_multi()
    {
        for o in d.occurrences.iter().filter(|o| o.due < as_of) {
            e.past += 1;
            if covered(item, o, as_of) {
                e.covered += 1;
            } else {
                e.missed.push(*o);
            }
        }
    }
    match item.status {
        Status::Done => {
            e.state = State::Done;
            e.credit = Some(1.0);
            e.missed.clear();
            return e;
        }
        Status::PartlyDone => {
            e.state = State::PartlyDone;
            e.credit = Some(0.5);
            return e;
        }
        Status::Cancelled => {
            e.state = State::Cancelled;
            e.missed.clear();
            return e;
        }
        Status::Planned | Status::InProgress | Status::Postponed => {}
    }
    let Some(d) = deadline else {
        return e;
    };
    let Some(due) = d.due else {
        e.state = State::OnDemand;
        return e;
    };
    e.due = Some(due);
    let (p_start, p_end) = plan_year.period();
    if d.is_multi() {
        if e.past > 0 {
            e.credit = Some(e.covered as f64 / e.past as f64);
        }
        if let Some(first) = e.missed.first() {
            e.state = State::Overdue;
            e.days_late = Some((as_of - first.due).num_days());
            return e;
        }
        // the current (or next) occurrence: its due date is the one that matters now
        let current = d.occurrences.iter().find(|o| as_of <= o.due);
        e.due = current.map(|o| o.due);
        if let Some(cur) = current
            && cur.start <= as_of
            && !covered(item, cur, as_of)
            && (cur.due - as_of).num_days() <= soon
        {
            e.state = State::DueSoon;
            e.days_left = Some((cur.due - as_of).num_days());
            return e;
        }
    } else if due < as_of {
        e.state = State::Overdue;
        e.days_late = Some((as_of - due).num_days());
        e.credit = Some(0.0);
        return e;
    } else if (due - as_of).num_days() <= soon {
        e.state = State::DueSoon;
        e.days_left = Some((due - as_of).num_days());
        return e;
    }
    let year_round = d.start <= p_start && d.end >= p_end;
    e.state = if item.status == Status::Postponed {
        State::Postponed
    } else if !recorded(item, as_of) {
        // an open window with nothing recorded is work not started, whatever the calendar says
        State::NotStarted
    } else if year_round && !d.is_multi() {
        State::YearRound
    } else {
        State::InProgress
    };
    e
}

/// Whether a progress entry of the item covers the occurrence: its period (the `period` it is
/// written for, else its date) falls from the occurrence's first day to its due date or last
/// day, whichever is later — and it was written by `as_of` (what happens later never counts).
pub(crate) fn covered(item: &Item, o: &Occurrence, as_of: NaiveDate) -> bool {
    let until = o.due.max(o.end);
    item.progress
        .iter()
        .any(|p| p.date <= as_of && p.day() >= o.start && p.day() <= until)
}

/// Where one occurrence of an item stands at `as_of`, judged by itself — a month of monthly
/// work, one of several dates: what a calendar event and a bar of the year's chart show. A done
/// or cancelled item makes all its occurrences so; otherwise an occurrence covered by a progress
/// entry ([`covered`]) is done, one whose due date has passed uncovered is overdue (partly done
/// when the item is marked so), one whose window is open and due within `soon` days is due soon;
/// anything else is not started. The item's own state ([`evaluate`]) stays what it was: this
/// names the periods, it does not judge the item.
pub(crate) fn occurrence_state(item: &Item, o: &Occurrence, as_of: NaiveDate, soon: i64) -> State {
    match item.status {
        Status::Done => return State::Done,
        Status::Cancelled => return State::Cancelled,
        _ => {}
    }
    if covered(item, o, as_of) {
        State::Done
    } else if item.status == Status::PartlyDone {
        State::PartlyDone
    } else if o.due < as_of {
        State::Overdue
    } else if o.start <= as_of && (o.due - as_of).num_days() <= soon {
        State::DueSoon
    } else {
        State::NotStarted
    }
}

/// The state of an occurrence in words, for a calendar event or a bar of the year's chart: a
/// window still ahead with nothing recorded is «запланировано» (nothing could have been done
/// yet), not «не начато».
pub(crate) fn occurrence_word(
    state: State,
    start: NaiveDate,
    as_of: NaiveDate,
    lang: Lang,
) -> &'static str {
    if state == State::NotStarted && start > as_of {
        Status::Planned.label(lang)
    } else {
        state.label(lang)
    }
}

/// Every item of a plan with its evaluation.
#[cfg(test)]
pub(crate) fn evaluate_plan(plan: &Plan, as_of: NaiveDate, soon: i64) -> Vec<Eval> {
    let year = plan.year;
    plan.items()
        .map(|(_, i)| evaluate(i, as_of, soon, year))
        .collect()
}

/// The counts of a plan (or of any set of items) at the date.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub(crate) struct Summary {
    pub(crate) items: usize,
    pub(crate) done: usize,
    pub(crate) partly_done: usize,
    pub(crate) overdue: usize,
    pub(crate) due_soon: usize,
    pub(crate) postponed: usize,
    pub(crate) cancelled: usize,
    pub(crate) on_demand: usize,
    /// Items due at the date (the denominator of the share).
    pub(crate) due: usize,
    /// The share done of what is due, in percent; `None` when nothing is due yet.
    pub(crate) share_done: Option<f64>,
    /// The sum of the items' credits (the share's numerator), to add summaries up.
    #[serde(skip)]
    pub(crate) credit: f64,
}

impl Summary {
    pub(crate) fn of<'a>(evals: impl IntoIterator<Item = &'a Eval>) -> Summary {
        let mut s = Summary::default();
        let mut credit = 0.0;
        for e in evals {
            s.items += 1;
            match e.state {
                State::Done => s.done += 1,
                State::PartlyDone => s.partly_done += 1,
                State::Overdue => s.overdue += 1,
                State::DueSoon => s.due_soon += 1,
                State::Postponed => s.postponed += 1,
                State::Cancelled => s.cancelled += 1,
                State::OnDemand => s.on_demand += 1,
                _ => {}
            }
            if let Some(c) = e.credit {
                s.due += 1;
                credit += c;
            }
        }
        s.credit = credit;
        s.share_done = (s.due > 0).then(|| credit / s.due as f64 * 100.0);
        s
    }

    /// Add the counts of other items (of another plan, say).
    pub(crate) fn add(&mut self, o: &Summary) {
        self.items += o.items;
        self.done += o.done;
        self.partly_done += o.partly_done;
        self.overdue += o.overdue;
        self.due_soon += o.due_soon;
        self.postponed += o.postponed;
        self.cancelled += o.cancelled;
        self.on_demand += o.on_demand;
        self.due += o.due;
        self.credit += o.credit;
        self.share_done = (self.due > 0).then(|| self.credit / self.due as f64 * 100.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn plan(items: &str) -> Plan {
        let text = format!(
            "[plan]\ntitle = \"t\"\nyear = 2026\n[[responsible]]\nname = \"м\"\n[[section]]\nnumber = \"1\"\ntitle = \"s\"\n{items}"
        );
        crate::workspace::checked_for_test(&text, d("2026-12-31"))
            .plan
            .unwrap_or_else(|| panic!("plan"))
    }

    fn state_of(items: &str, as_of: &str) -> Vec<Eval> {
        evaluate_plan(&plan(items), d(as_of), 14)
    }

    fn item(dl: &str, extra: &str) -> String {
        format!(
            "[[section.item]]\nnumber = \"1.1\"\ntitle = \"x\"\ndeadline = \"{dl}\"\nresponsible = \"м\"\n{extra}\n"
        )
    }

    #[test]
    fn single_windows() {
        let e = &state_of(&item("Июнь 2026", ""), "2026-10-01")[0];
        assert_eq!((e.state, e.days_late), (State::Overdue, Some(93)));
        assert_eq!(
            state_of(&item("Ноябрь 2026", ""), "2026-10-01")[0].state,
            State::NotStarted
        );
        // an open window with nothing recorded is not started: «в работе» only with a record
        let open = &state_of(&item("Октябрь 2026", ""), "2026-10-01")[0];
        assert_eq!(
            (open.state, open.due),
            (State::NotStarted, Some(d("2026-10-31")))
        );
        assert_eq!(
            state_of(
                &item(
                    "Октябрь 2026",
                    "progress = [{ date = 2026-10-01, text = \"начато\" }]"
                ),
                "2026-10-01"
            )[0]
            .state,
            State::InProgress
        );
        let soon = &state_of(&item("Октябрь 2026", ""), "2026-10-20")[0];
        assert_eq!((soon.state, soon.days_left), (State::DueSoon, Some(11)));
        assert_eq!(
            state_of(&item("В течение года, постоянно", ""), "2026-10-01")[0].state,
            State::NotStarted
        );
        assert_eq!(
            state_of(
                &item(
                    "В течение года, постоянно",
                    "progress = [{ date = 2026-03-01, text = \"вебинар\" }]"
                ),
                "2026-10-01"
            )[0]
            .state,
            State::YearRound
        );
        // a record dated after the day of the evaluation does not count yet
        assert_eq!(
            state_of(
                &item(
                    "В течение года, постоянно",
                    "progress = [{ date = 2026-11-01, text = \"потом\" }]"
                ),
                "2026-10-01"
            )[0]
            .state,
            State::NotStarted
        );
        assert_eq!(
            state_of(&item("По запросу", ""), "2027-03-01")[0].state,
            State::OnDemand
        );
        assert_eq!(
            state_of(
                &item("Ноябрь 2026", "status = \"in_progress\""),
                "2026-10-01"
            )[0]
            .state,
            State::InProgress
        );
    }

    #[test]
    fn final_statuses_win() {
        let done = item("Июнь 2026", "status = \"done\"\nresult = \"r\"");
        assert_eq!(state_of(&done, "2026-10-01")[0].state, State::Done);
        let cancelled = item("Июнь 2026", "status = \"cancelled\"\nreason = \"r\"");
        assert_eq!(
            state_of(&cancelled, "2026-10-01")[0].state,
            State::Cancelled
        );
    }

    #[test]
    fn postponed_is_judged_against_the_new_deadline() {
        let p = item(
            "Июнь 2026",
            "status = \"postponed\"\npostponed_to = \"Ноябрь 2026\"\nreason = \"r\"",
        );
        assert_eq!(state_of(&p, "2026-10-01")[0].state, State::Postponed);
        assert_eq!(state_of(&p, "2026-11-20")[0].state, State::DueSoon);
        let e = &state_of(&p, "2026-12-03")[0];
        assert_eq!((e.state, e.days_late), (State::Overdue, Some(3)));
    }

    #[test]
    fn recurring_work_names_missed_months() {
        let monthly = item(
            "ежемесячно",
            "progress = [{ date = 2026-01-20, text = \"a\" }, { date = 2026-02-10, text = \"b\" }, { date = 2026-05-05, text = \"c\" }]",
        );
        let e = &state_of(&monthly, "2026-06-10")[0];
        assert_eq!(e.state, State::Overdue);
        let names: Vec<_> = e
            .missed
            .iter()
            .map(|o| o.label(Lang::Ru, PlanYear::Calendar(2026)))
            .collect();
        assert_eq!(names, vec!["март", "апрель"]);
        assert_eq!(
            e.days_late,
            Some((d("2026-06-10") - d("2026-03-31")).num_days())
        );
        assert_eq!((e.past, e.covered), (5, 3));
        let full = item(
            "ежемесячно",
            "progress = [{ date = 2026-01-20, text = \"a\" }]",
        );
        // January is covered: at its end the recorded work is in progress
        assert_eq!(state_of(&full, "2026-01-25")[0].state, State::InProgress);
        // a May entry written on 2 June «for May» closes May, not June
        let late = item(
            "ежемесячно",
            "progress = [{ date = 2026-06-02, text = \"май\", period = \"2026-05\" }]",
        );
        let e = &state_of(&late, "2026-06-10")[0];
        let names: Vec<_> = e
            .missed
            .iter()
            .map(|o| o.label(Lang::Ru, PlanYear::Calendar(2026)))
            .collect();
        assert_eq!(names, vec!["январь", "февраль", "март", "апрель"]);
        // February is not, and falls due in 8 days
        let e = &state_of(&full, "2026-02-20")[0];
        assert_eq!((e.state, e.days_left), (State::DueSoon, Some(8)));
    }

    #[test]
    fn each_occurrence_stands_by_itself() {
        let p = plan(&item(
            "ежемесячно",
            "progress = [{ date = 2026-01-28, text = \"a\" }, { date = 2026-06-02, text = \"май\", period = \"2026-05\" }]",
        ));
        let Some((_, it)) = p.items().next() else {
            panic!("no item")
        };
        let Ok(dl) = &it.deadline else {
            panic!("deadline")
        };
        let states: Vec<State> = dl
            .occurrences
            .iter()
            .map(|o| occurrence_state(it, o, d("2026-06-20"), 14))
            .collect();
        use State::{Done, DueSoon, NotStarted, Overdue};
        assert_eq!(
            states,
            [
                Done, Overdue, Overdue, Overdue, Done, DueSoon, NotStarted, NotStarted, NotStarted,
                NotStarted, NotStarted, NotStarted
            ]
        );
        // the item itself is still overdue: February to April are missed
        assert_eq!(
            evaluate(it, d("2026-06-20"), 14, p.year).state,
            State::Overdue
        );
        // several dates: June done, March missed, November ahead
        let p = plan(&item(
            "Июнь 2026 Март 2026г, Ноябрь 2026г.",
            "progress = [{ date = 2026-06-15, text = \"школа\" }]",
        ));
        let Some((_, it)) = p.items().next() else {
            panic!("no item")
        };
        let Ok(dl) = &it.deadline else {
            panic!("deadline")
        };
        let states: Vec<State> = dl
            .occurrences
            .iter()
            .map(|o| occurrence_state(it, o, d("2026-10-01"), 14))
            .collect();
        assert_eq!(states, [Overdue, Done, NotStarted]);
        // marked done: every period is done, whatever was recorded
        let p = plan(&item("ежемесячно", "status = \"done\"\nresult = \"r\""));
        let Some((_, it)) = p.items().next() else {
            panic!("no item")
        };
        let Ok(dl) = &it.deadline else {
            panic!("deadline")
        };
        assert!(
            dl.occurrences
                .iter()
                .all(|o| occurrence_state(it, o, d("2026-12-20"), 14) == Done)
        );
    }

    #[test]
    fn share_done_counts_what_is_due() {
        let items = [
            item("Июнь 2026", "status = \"done\"\nresult = \"r\""),
            item("Март 2026", "status = \"partly_done\"\nresult = \"r\""),
            item("Апрель 2026", ""),
            item("Ноябрь 2026", ""),
            item("По запросу", ""),
            item("Май 2026", "status = \"cancelled\"\nreason = \"r\""),
        ]
        .concat();
        let evals = state_of(&items, "2026-10-01");
        let s = Summary::of(&evals);
        assert_eq!(
            (
                s.items,
                s.done,
                s.partly_done,
                s.overdue,
                s.cancelled,
                s.due
            ),
            (6, 1, 1, 1, 1, 3)
        );
        assert!((s.share_done.unwrap_or_default() - 50.0).abs() < 1e-9);
    }

    #[test]
    fn states_parse() {
        assert_eq!(State::parse("due-soon"), Some(State::DueSoon));
        assert_eq!(State::parse("просрочено"), Some(State::Overdue));
    }
}
