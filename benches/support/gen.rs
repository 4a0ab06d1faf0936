//! Plans of realistic shape for benchmarks: the sections, activities, deadline classes and
//! responsibles of the seed plans, Russian text, statuses as in a year in progress. The output
//! depends only on the arguments (a small xorshift generator), so every run measures the same.

use std::fmt::Write as _;
use std::path::Path;

const MUNICIPALITIES: &[&str] = &[
    "Мосальский",
    "Тарусский",
    "Козельский",
    "Людиновский",
    "Сухиничский",
    "Жуковский",
    "Малоярославецкий",
    "Медынский",
    "Перемышльский",
    "Ферзиковский",
    "Хвастовичский",
    "Юхновский",
    "Бабынинский",
    "Барятинский",
    "Боровский",
    "Дзержинский",
    "Думиничский",
    "Износковский",
    "Кировский",
    "Куйбышевский",
    "Мещовский",
    "Спас-Деменский",
    "Ульяновский",
    "Жиздринский",
];

const SECTIONS: &[&str] = &[
    "Мероприятия по обеспечению деятельности Муниципального опорного центра дополнительного образования (МОЦ)",
    "Мероприятия по формированию современной системы сопровождения, развития и совершенствования профессионального мастерства педагогических и управленческих кадров",
    "Мероприятия по выравниванию доступности предоставления дополнительного образования детей",
    "Сопровождение внедрения модели ПФДО по внедрению социального (муниципального) заказа",
    "Формирование единой информационной образовательной среды",
    "Мониторинг системы дополнительного образования детей",
];

const TITLES: &[&str] = &[
    "Участие в семинарах, вебинарах и других мероприятиях по вопросам реализации Целевой модели на территории области.",
    "Наполнение раздела МОЦ на сайте образовательной организации, формирование информации в социальных сетях, в СМИ.",
    "«Промежуточные итоги внедрения соц. сертификатов в районе».",
    "Формирование банка данных программ.",
    "Обновление информации в Навигаторе дополнительного образования (ведение муниципального сегмента Навигатора)",
    "Контроль работы организаций, реализующих дополнительные общеобразовательные программы, предоставление результатов в РМЦ",
    "Размещение информации о деятельности МОЦ в социальных сетях, в СМИ",
    "Повышение квалификации специалистов МОЦ, специалистов учреждений, реализующих программы дополнительного образования",
    "Участие в региональном этапе Всероссийского конкурса ДОП «Образовательный Олимп»",
    "Разработка и внедрение модели доступности ДОП в рамках модели выравнивания доступности дополнительного образования детей",
    "Организация работы общественных экспертов в Системе независимой оценки качества образования",
    "Проведение мониторинга охвата дополнительным образованием детей 5-18 лет на территории муниципалитета",
];

const DEADLINES: &[&str] = &[
    "В течение года",
    "Июнь 2026",
    "сентябрь 2026г",
    "Сентябрь 2026г. По необходимости",
    "Январь – декабрь 2026г.",
    "По запросу",
    "ежемесячно",
    "Декабрь 2026г",
    "2026г..",
    "Апрель – май 2026г.",
    "Февраль – апрель 2026г.",
    "Июнь 2026 Март 2026г, Ноябрь 2026г.",
    "По мере поступления",
    "В течение учебного года",
    "Январь 2026",
    "По плану РМЦ",
    "Июнь (июль) 2026",
    "сентябрь 2026 октябрь 2026",
    "В течение года по графику КПК",
    "Март (апрель) 2026",
    "В течение года, постоянно",
    "15.03.2026",
    "до 15 мая 2026 г.",
    "9 - 11 июня 2026 г.",
    "I квартал 2026",
    "II полугодие 2026 г.",
    "ежеквартально",
    "2 раза в год",
];

const RESPONSIBLE: &[&str] = &[
    "Руководитель МОЦ",
    "методист",
    "Руководитель МОЦ, методист",
    "методист, РМЦ",
    "Руководитель МОЦ, РМЦ",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// One plan's text.
fn plan(k: usize, items: usize, rng: &mut Rng) -> String {
    let name = MUNICIPALITIES[k % MUNICIPALITIES.len()];
    let mut s = String::with_capacity(items * 320);
    let _ = writeln!(
        s,
        "# План работы МОЦ: {name} муниципальный округ ({k}), создан для замеров.\n"
    );
    let _ = writeln!(
        s,
        "[plan]\ntitle = \"План работы Муниципального опорного центра дополнительного образования детей\""
    );
    let _ = writeln!(
        s,
        "municipality = \"{name} муниципальный округ № {k}\"\nregion = \"Калужская область\"\nyear = 2026\n"
    );
    s.push_str("[[responsible]]\nname = \"Руководитель МОЦ\"\nkind = \"role\"\n\n[[responsible]]\nname = \"методист\"\nkind = \"role\"\n");
    let per_section = items.div_ceil(SECTIONS.len()).max(1);
    let mut n = 0;
    for (si, title) in SECTIONS.iter().enumerate() {
        if n >= items {
            break;
        }
        let _ = writeln!(
            s,
            "\n[[section]]\nnumber = \"{}\"\ntitle = {}",
            si + 1,
            q(title)
        );
        for j in 0..per_section {
            if n >= items {
                break;
            }
            n += 1;
            let deadline = DEADLINES[rng.below(DEADLINES.len())];
            let _ = writeln!(s, "\n[[section.item]]\nnumber = \"{}.{}\"", si + 1, j + 1);
            let _ = writeln!(s, "title = {}", q(TITLES[rng.below(TITLES.len())]));
            let _ = writeln!(
                s,
                "deadline = {}\nresponsible = {}",
                q(deadline),
                q(RESPONSIBLE[rng.below(RESPONSIBLE.len())])
            );
            match rng.below(20) {
                0..=5 => {
                    let _ = writeln!(s, "status = \"done\"\nresult = \"Выполнено: проведено {} мероприятий, охвачено {} человек\"\ndone_on = 2026-0{}-1{}", 1 + rng.below(9), 10 + rng.below(300), 1 + rng.below(9), rng.below(10));
                }
                6..=7 => s.push_str("status = \"in_progress\"\n"),
                8 => s.push_str("status = \"postponed\"\npostponed_to = \"Январь 2027г.\"\nreason = \"Перенесено по решению учредителя\"\n"),
                9 => s.push_str("status = \"cancelled\"\nreason = \"Мероприятие не проводилось в 2026 году\"\n"),
                10 => s.push_str("status = \"partly_done\"\nresult = \"Выполнено частично: 2 из 3\"\ndone_on = 2026-04-20\n"),
                _ => {}
            }
            if deadline == "ежемесячно" {
                s.push_str("progress = [\n");
                for m in 1..=9 {
                    if rng.below(5) > 0 {
                        let _ = writeln!(
                            s,
                            "  {{ date = 2026-{m:02}-2{}, text = \"Публикации за месяц: {}\" }},",
                            rng.below(8),
                            1 + rng.below(6)
                        );
                    }
                }
                s.push_str("]\n");
            }
        }
    }
    s
}

/// Write `plans` plans of `items` items each under `dir/plans/<municipality>/2026.toml`, with a
/// `moc.toml` whose shared roster holds РМЦ. Returns the bytes written.
pub(crate) fn generate(dir: &Path, plans: usize, items: usize, seed: u64) -> std::io::Result<u64> {
    let mut rng = Rng(seed.max(1));
    std::fs::create_dir_all(dir.join("plans"))?;
    let settings = "[region]\nname = \"Калужская область\"\n\n[[responsible]]\nname = \"РМЦ\"\nkind = \"organisation\"\nfull_name = \"Региональный модельный центр\"\n";
    std::fs::write(dir.join("moc.toml"), settings)?;
    let mut bytes = 0;
    for k in 0..plans {
        let folder = dir.join("plans").join(format!("m{k:04}"));
        std::fs::create_dir_all(&folder)?;
        let text = plan(k, items, &mut rng);
        bytes += text.len() as u64;
        std::fs::write(folder.join("2026.toml"), text)?;
    }
    Ok(bytes)
}
