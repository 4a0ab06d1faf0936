//! `moc indicator list`: the catalogue of indicators ([`crate::indicators`]) with the region's
//! own and its targets from `moc.toml` — the ids a plan's `[[indicator]]` may name, so that the
//! region adds its municipalities up.

use clap::Args as ClapArgs;

use super::{CommandError, Ctx, Exit, Io};
use crate::app::help::t;
use crate::i18n::Lang;
use crate::indicators::{Entry, Rollup};
use crate::render::terminal::{Grid, Piece};

#[derive(Debug, ClapArgs)]
pub(crate) struct Args {
    #[arg(
        long, value_enum, default_value = "table", value_name = t("ФОРМАТ", "FORMAT"),
        help = t("Формат: table (таблица), json, markdown", "Format: table, json, markdown")
    )]
    pub(crate) format: Format,
}

/// How the catalogue is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Markdown,
}

/// How the region adds an indicator up, in words.
fn rollup_words(e: &Entry, lang: Lang) -> String {
    match &e.rollup {
        Rollup::Sum => lang.pick("сумма", "sum").to_owned(),
        Rollup::Share {
            numerator,
            denominator,
        } => crate::tr!(
            lang,
            "доля: {numerator} / {denominator}",
            "share: {numerator} / {denominator}"
        ),
        Rollup::None => lang.pick("не складывается", "not added up").to_owned(),
    }
}

fn targets(e: &Entry, lang: Lang) -> String {
    e.targets
        .iter()
        .map(|(y, v)| {
            let v = crate::i18n::decimal(lang, *v, 1);
            let v = v
                .strip_suffix(",0")
                .or_else(|| v.strip_suffix(".0"))
                .unwrap_or(&v);
            if *y == 0 {
                v.to_owned()
            } else {
                format!("{v} ({y})")
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn run(args: &Args, ctx: &Ctx, io: &mut Io<'_>) -> Result<Exit, CommandError> {
    let lang = ctx.lang;
    let entries = &ctx.settings.indicators.entries;
    let head = [
        lang.pick("Код (id)", "Id"),
        lang.pick("Показатель", "Indicator"),
        lang.pick("Ед.", "Unit"),
        lang.pick("Как складывается", "Adds up as"),
        lang.pick("Цель региона", "Region's target"),
    ];
    let text = match args.format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(entries).unwrap_or_default();
            s.push('\n');
            s
        }
        Format::Markdown => {
            let table = crate::render::doc::Table {
                head: head.map(str::to_owned).to_vec(),
                right: vec![false; 5],
                rows: entries
                    .iter()
                    .map(|e| {
                        [
                            e.id.clone(),
                            e.name.clone(),
                            e.unit.clone(),
                            rollup_words(e, lang),
                            targets(e, lang),
                        ]
                        .map(crate::render::doc::Cell::plain)
                        .to_vec()
                    })
                    .collect(),
            };
            crate::render::doc::markdown(&[crate::render::doc::Block::Table(table)]) + "\n"
        }
        Format::Table => {
            let look = ctx.look();
            let mut g = Grid::new(look.width, look.color);
            g.header(&head);
            for e in entries {
                g.row(vec![
                    Piece::own(e.id.clone()),
                    Piece::text(&e.name),
                    Piece::text(&e.unit),
                    Piece::own(rollup_words(e, lang)),
                    Piece::own(targets(e, lang)),
                ]);
            }
            let mut s = g.table();
            s.push('\n');
            s.push_str(lang.pick(
                "В плане: [[indicator]] id = \"…\". Свои показатели и цели региона — в moc.toml: [[indicator]].\n",
                "In a plan: [[indicator]] id = \"…\". The region's own indicators and targets: moc.toml, [[indicator]].\n",
            ));
            s
        }
    };
    io.out.write_all(text.as_bytes())?;
    Ok(Exit::Ok)
}
