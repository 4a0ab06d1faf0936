//! Indicators with identity: the built-in catalogue of the target model's common indicators
//! (охват детей 5–18 лет and its parts, programs in the Навигатор, certificates, children by
//! направленность, teachers, new places, events) and the region's own from `moc.toml`, each with
//! an id, a Russian name, a unit and how a region adds it up ([`Rollup`]). A plan's
//! `[[indicator]]` names its id; `moc check` offers the id for a name that reads like one
//! ([`Catalogue::by_name`]); the region report adds municipalities up by id
//! ([`crate::region`]).
//!
//! Sources of the names and the roll-up rules: приказ Минпросвещения № 170 (the coverage
//! indicator), the Концепция развития ДО до 2030 года (678-р), the «таблица индикаторов» of the
//! new-places project, regional roadmaps and municipal target tables (docs/format.md,
//! «Показатели»).

use std::sync::LazyLock;

use serde::Serialize;

use crate::suggest::{phrase_nearness, phrase_words};

/// How a region builds its figure from the municipalities'.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum Rollup {
    /// Counts: the municipal values added up.
    Sum,
    /// A share in percent: numerators and denominators added up separately, then divided —
    /// never the mean of the municipal percentages. A municipality's numerator and denominator
    /// come from the indicator's own `numerator`/`denominator`, else from its indicators with
    /// the ids named here.
    Share {
        numerator: String,
        denominator: String,
    },
    /// Not additive (a rating, a survey score): each municipality's value is listed, no total.
    None,
}

/// One indicator of the catalogue.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Entry {
    pub(crate) id: String,
    /// The wording of official documents.
    pub(crate) name: String,
    pub(crate) unit: String,
    pub(crate) rollup: Rollup,
    /// Other wordings seen in real plans, for matching a free-text name.
    #[serde(skip)]
    pub(crate) variants: Vec<String>,
    /// Declared by the region (`moc.toml`), not built in.
    pub(crate) regional: bool,
    /// The region's targets: `(year, value)`; year 0 — every year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) targets: Vec<(i32, f64)>,
    /// The words of the name and its variants ([`phrase_words`]), made when a name is first
    /// matched: most runs never match one, and making them is most of a run's start-up.
    #[serde(skip)]
    words: std::sync::OnceLock<Vec<Vec<String>>>,
}

impl Entry {
    fn new(id: &str, name: &str, unit: &str, rollup: Rollup, variants: &[&str]) -> Entry {
        Entry {
            id: id.to_owned(),
            name: name.to_owned(),
            unit: unit.to_owned(),
            rollup,
            variants: variants.iter().map(|v| (*v).to_owned()).collect(),
            regional: false,
            targets: Vec::new(),
            words: std::sync::OnceLock::new(),
        }
    }

    /// An indicator the region declares in `moc.toml`.
    pub(crate) fn regional(
        id: String,
        name: String,
        unit: String,
        rollup: Rollup,
        targets: Vec<(i32, f64)>,
    ) -> Entry {
        Entry {
            id,
            name,
            unit,
            rollup,
            variants: Vec::new(),
            regional: true,
            targets,
            words: std::sync::OnceLock::new(),
        }
    }

    /// Forget the words (the name changed): they are made again when needed.
    fn forget_words(&mut self) {
        self.words = std::sync::OnceLock::new();
    }

    fn words(&self) -> &[Vec<String>] {
        self.words.get_or_init(|| {
            std::iter::once(&self.name)
                .chain(&self.variants)
                .map(|n| phrase_words(n))
                .collect()
        })
    }

    /// The region's target for `year`, if it set one.
    pub(crate) fn target(&self, year: i32) -> Option<f64> {
        self.targets
            .iter()
            .find(|(y, _)| *y == year)
            .or_else(|| self.targets.iter().find(|(y, _)| *y == 0))
            .map(|(_, v)| *v)
    }
}

fn share(n: &str, d: &str) -> Rollup {
    Rollup::Share {
        numerator: n.to_owned(),
        denominator: d.to_owned(),
    }
}

/// The built-in entries.
fn builtin() -> Vec<Entry> {
    use Rollup::{None as Not, Sum};
    let by_direction = |id: &str, dir: &str, variants: &[&str]| {
        Entry::new(
            id,
            &format!(
                "Численность детей, обучающихся по дополнительным общеобразовательным программам {dir} направленности"
            ),
            "чел.",
            Sum,
            variants,
        )
    };
    vec![
        Entry::new(
            "coverage_5_18",
            "Доля детей в возрасте от 5 до 18 лет, охваченных дополнительным образованием",
            "%",
            share("children_5_18_covered", "children_5_18_total"),
            &[
                "Охват детей в возрасте от 5 до 18 лет программами дополнительного образования",
                "Доля детей, охваченных образовательными программами дополнительного образования детей, в общей численности детей и молодежи в возрасте 5-18 лет",
                "Охват детей дополнительным образованием",
                "Удельный вес детей, охваченных дополнительным образованием",
            ],
        ),
        Entry::new(
            "children_5_18_covered",
            "Численность детей в возрасте от 5 до 18 лет, охваченных дополнительным образованием",
            "чел.",
            Sum,
            &[
                "Количество детей в возрасте от 5 до 18 лет, охваченных программами дополнительного образования",
                "Всего детей в возрасте 5-18 лет, охваченных образовательными программами дополнительного образования",
            ],
        ),
        Entry::new(
            "children_5_18_total",
            "Численность детей в возрасте от 5 до 18 лет",
            "чел.",
            Sum,
            &[
                "Численность детей и молодежи в возрасте 5-18 лет",
                "Количество детей в возрасте от 5 до 18 лет, проживающих на территории",
            ],
        ),
        by_direction(
            "enrolled_technical",
            "технической",
            &["Обучающихся по программам технической направленности"],
        ),
        by_direction(
            "enrolled_natural_science",
            "естественнонаучной",
            &["Обучающихся по программам естественно-научной направленности"],
        ),
        Entry::new(
            "enrolled_tech_natsci",
            "Численность детей, обучающихся по дополнительным общеобразовательным программам технической и естественнонаучной направленности",
            "чел.",
            Sum,
            &[
                "Охват детей программами технической и естественнонаучной направленности",
                "Детей в кванториумах, «Точках роста», IT-кубах",
            ],
        ),
        by_direction(
            "enrolled_tourism",
            "туристско-краеведческой",
            &["Обучающихся по программам туристско-краеведческой направленности"],
        ),
        by_direction(
            "enrolled_social_humanitarian",
            "социально-гуманитарной",
            &["Обучающихся по программам социально-педагогической направленности"],
        ),
        by_direction(
            "enrolled_arts",
            "художественной",
            &["Обучающихся по программам художественно-эстетической направленности"],
        ),
        by_direction(
            "enrolled_sports",
            "физкультурно-спортивной",
            &["Обучающихся по программам спортивно-оздоровительной направленности"],
        ),
        Entry::new(
            "navigator_programs",
            "Количество дополнительных общеобразовательных программ, размещенных в региональном Навигаторе дополнительного образования детей",
            "ед.",
            Sum,
            &[
                "Программ в Навигаторе",
                "Количество программ в Навигаторе",
                "Количество ДООП в Навигаторе",
                "Количество дополнительных общеобразовательных общеразвивающих программ",
            ],
        ),
        Entry::new(
            "certificates_issued",
            "Количество выданных сертификатов дополнительного образования",
            "ед.",
            Sum,
            &[
                "Выдано сертификатов",
                "Детей с сертификатом",
                "Количество выданных социальных сертификатов",
                "Выдано сертификатов ПФДО",
            ],
        ),
        Entry::new(
            "certificates_used",
            "Количество использованных сертификатов дополнительного образования",
            "ед.",
            Sum,
            &[
                "Использовано сертификатов",
                "Сертификатов, по которым заключены договоры об обучении",
                "Количество активных сертификатов",
            ],
        ),
        Entry::new(
            "certificate_share",
            "Доля детей, обеспеченных сертификатами дополнительного образования",
            "%",
            share("certificates_issued", "children_5_18_total"),
            &[
                "Доля детей, которые обеспечены сертификатами персонифицированного финансирования дополнительного образования",
                "Охват детей социальными сертификатами",
                "Охват сертификатами ПФДО",
            ],
        ),
        Entry::new(
            "ovz_covered",
            "Численность детей с ограниченными возможностями здоровья и детей-инвалидов, охваченных дополнительным образованием",
            "чел.",
            Sum,
            &["Детей с ОВЗ, обучающихся по ДООП"],
        ),
        Entry::new(
            "ovz_children_total",
            "Численность детей с ограниченными возможностями здоровья и детей-инвалидов в возрасте от 5 до 18 лет",
            "чел.",
            Sum,
            &["Всего детей с ОВЗ и детей-инвалидов 5-18 лет"],
        ),
        Entry::new(
            "ovz_coverage",
            "Доля детей с ограниченными возможностями здоровья и детей-инвалидов в возрасте от 5 до 18 лет, охваченных дополнительным образованием",
            "%",
            share("ovz_covered", "ovz_children_total"),
            &["Охват детей с ОВЗ дополнительным образованием"],
        ),
        Entry::new(
            "new_places",
            "Количество созданных новых мест дополнительного образования детей",
            "ед.",
            Sum,
            &["Создано новых мест дополнительного образования"],
        ),
        Entry::new(
            "children_on_new_places",
            "Численность детей в возрасте от 5 до 18 лет, обучающихся на базе новых мест дополнительного образования",
            "чел.",
            Sum,
            &["Обучающихся на новых местах"],
        ),
        Entry::new(
            "teachers_total",
            "Численность педагогических работников дополнительного образования детей",
            "чел.",
            Sum,
            &["Численность педагогов дополнительного образования"],
        ),
        Entry::new(
            "teachers_trained",
            "Численность педагогических работников, прошедших повышение квалификации",
            "чел.",
            Sum,
            &[
                "Педагогов, прошедших КПК",
                "Прошли курсы повышения квалификации педагоги",
                "Количество педагогов, прошедших обучение",
            ],
        ),
        Entry::new(
            "teachers_trained_share",
            "Доля педагогических работников, прошедших повышение квалификации",
            "%",
            share("teachers_trained", "teachers_total"),
            &["Доля педагогических и руководящих работников, прошедших повышение квалификации"],
        ),
        Entry::new(
            "events_count",
            "Количество проведенных мероприятий",
            "ед.",
            Sum,
            &[
                "Число проведенных мероприятий",
                "Количество мероприятий, проведенных МОЦ",
            ],
        ),
        Entry::new(
            "event_participants",
            "Численность участников мероприятий",
            "чел.",
            Sum,
            &["Количество участников мероприятий"],
        ),
        Entry::new(
            "satisfaction",
            "Уровень удовлетворенности населения качеством дополнительного образования детей",
            "%",
            Not,
            &["Удовлетворенность родителей качеством дополнительного образования"],
        ),
    ]
}

/// The indicators a region knows: the built-in ones and those of `moc.toml`.
#[derive(Clone, Debug)]
pub(crate) struct Catalogue {
    pub(crate) entries: Vec<Entry>,
}

static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| Catalogue { entries: builtin() });

/// The least nearness of a name to an entry's wording for the id to be offered.
const NAME_NEAR: f64 = 0.55;

impl Catalogue {
    /// The built-in catalogue.
    pub(crate) fn builtin() -> &'static Catalogue {
        &BUILTIN
    }

    /// The built-in catalogue with the region's entries: a region entry with a built-in id
    /// sets that indicator's targets (and may rename it); a new id is added.
    pub(crate) fn with_region(region: Vec<Entry>) -> Catalogue {
        let mut entries = builtin();
        for r in region {
            match entries.iter_mut().find(|e| e.id == r.id) {
                Some(e) => {
                    e.targets = r.targets;
                    if !r.name.is_empty() {
                        e.name = r.name;
                        e.forget_words();
                    }
                }
                None => entries.push(r),
            }
        }
        Catalogue { entries }
    }

    /// The entry of an id.
    pub(crate) fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// The ids, for a did-you-mean.
    pub(crate) fn ids(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.id.as_str())
    }

    /// The entry whose wording a free-text name reads like, when one stands out: a percentage
    /// (`unit` «%») is taken for a share and a count for a count, and a tie names none.
    pub(crate) fn by_name(&self, name: &str, unit: Option<&str>) -> Option<&Entry> {
        let words = phrase_words(name);
        // a share or a count: by the unit, else by the name's first word («Доля…», «Охват…»;
        // «Численность…», «Количество…»)
        let first = crate::i18n::fold(
            name.split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or(""),
        );
        let percent = unit.map(|u| u.trim() == "%").or_else(|| {
            if ["доля", "охват", "удельный", "процент", "уровень"].contains(&first.as_str())
            {
                Some(true)
            } else if ["численность", "количество", "число", "всего"].contains(&first.as_str())
            {
                Some(false)
            } else {
                None
            }
        });
        let mut best: Option<(f64, &Entry)> = None;
        let mut tie = false;
        for e in &self.entries {
            let mut score = e
                .words()
                .iter()
                .map(|w| phrase_nearness(&words, w))
                .fold(0.0, f64::max);
            if let Some(p) = percent {
                let share_like = e.unit == "%";
                score += if p == share_like { 0.05 } else { -0.3 };
            }
            match best {
                Some((b, _)) if (score - b).abs() < 1e-9 => tie = true,
                Some((b, _)) if score < b => {}
                _ => {
                    best = Some((score, e));
                    tie = false;
                }
            }
        }
        best.filter(|(s, _)| *s >= NAME_NEAR && !tie)
            .map(|(_, e)| e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str, unit: Option<&str>) -> Option<&'static str> {
        Catalogue::builtin()
            .by_name(name, unit)
            .map(|e| e.id.as_str())
    }

    #[test]
    fn names_of_real_plans_find_their_id() {
        // the two spellings the regional centre cannot add up by name
        assert_eq!(
            id("Доля детей 5–18 лет, охваченных ДО", Some("%")),
            Some("coverage_5_18")
        );
        assert_eq!(
            id("Охват детей 5-18 лет дополнительным образованием", None),
            Some("coverage_5_18")
        );
        assert_eq!(
            id("Численность детей 5–18 лет, охваченных ДО", Some("чел.")),
            Some("children_5_18_covered")
        );
        assert_eq!(
            id("Программ в Навигаторе", Some("ед.")),
            Some("navigator_programs")
        );
        assert_eq!(
            id("Детей с сертификатом", Some("чел.")),
            Some("certificates_issued")
        );
        assert_eq!(
            id("Количество педагогов, прошедших КПК", Some("чел.")),
            Some("teachers_trained")
        );
        assert_eq!(
            id(
                "Обучающихся по программам естественно-научной направленности",
                None
            ),
            Some("enrolled_natural_science")
        );
        // nothing like any
        assert_eq!(id("Количество публикаций в СМИ", Some("ед.")), None);
        assert_eq!(id("Проведено заседаний методического совета", None), None);
    }

    #[test]
    fn every_share_names_parts_that_exist_and_ids_are_unique() {
        let c = Catalogue::builtin();
        let mut ids: Vec<&str> = c.ids().collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for e in &c.entries {
            if let Rollup::Share {
                numerator,
                denominator,
            } = &e.rollup
            {
                assert!(c.get(numerator).is_some(), "{}", e.id);
                assert!(c.get(denominator).is_some(), "{}", e.id);
                assert_eq!(e.unit, "%");
            }
        }
    }

    #[test]
    fn the_region_sets_targets_and_adds_its_own() {
        let c = Catalogue::with_region(vec![
            Entry::regional(
                "coverage_5_18".into(),
                String::new(),
                "%".into(),
                Rollup::None,
                vec![(2026, 82.0), (0, 80.0)],
            ),
            Entry::regional(
                "robotics_teams".into(),
                "Команд робототехники".into(),
                "ед.".into(),
                Rollup::Sum,
                vec![],
            ),
        ]);
        let cov = c.get("coverage_5_18").unwrap_or_else(|| panic!("built in"));
        assert_eq!(cov.target(2026), Some(82.0));
        assert_eq!(cov.target(2025), Some(80.0));
        assert!(
            matches!(cov.rollup, Rollup::Share { .. }),
            "a built-in entry keeps its roll-up"
        );
        assert_eq!(
            c.by_name("Команд по робототехнике", None)
                .map(|e| e.id.as_str()),
            Some("robotics_teams")
        );
    }
}
