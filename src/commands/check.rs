//! `moc check`: every finding in every plan, like rustc, or as JSON; the exit code for hooks.

use crate::checks::CHECKS;
use crate::cli::{CheckArgs, CheckFormat};
use crate::commands::{Ctx, Exit, Io, load_workspace_with, report_failures};
use crate::diagnostic::{self, Record, Severity};

pub fn run(args: &CheckArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    if args.list {
        return list(args, ctx, io);
    }
    let ws = if args.staged {
        match crate::commands::load_workspace_staged(ctx) {
            Ok(ws) => ws,
            Err(e) => {
                crate::commands::say_error(io, ctx.lang, e.message(ctx.lang))?;
                return Ok(Exit::Failure);
            }
        }
    } else {
        load_workspace_with(&args.paths, ctx, args.plan_year, false)
    };
    report_failures(&ws.failures, ctx, io)?;
    let (mut errors, mut warnings) = (0, 0);
    let mut records = Vec::new();
    // the region's settings, when the repository has them
    let settings = ctx
        .root
        .as_ref()
        .map(|r| r.join(crate::discover::SETTINGS_FILE))
        .filter(|p| p.is_file())
        .and_then(|p| {
            crate::load::read_text(&p)
                .ok()
                .map(|t| crate::source::Source::new(&p, t))
        })
        .map(|src| {
            let (_, diagnostics) = crate::load::load_settings(&src, ctx.lang);
            crate::load::Loaded {
                source: src,
                plan: None,
                diagnostics,
            }
        });
    for loaded in settings.iter().chain(&ws.plans) {
        for d in &loaded.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
            }
            match args.format {
                CheckFormat::Human => {
                    io.out.write_all(
                        diagnostic::render(d, &loaded.source, ctx.lang, ctx.color).as_bytes(),
                    )?;
                }
                CheckFormat::Json => records.push(Record::new(d, &loaded.source)),
            }
        }
    }
    match args.format {
        CheckFormat::Human => {
            writeln!(
                io.out,
                "{}",
                diagnostic::summary(ctx.lang, ws.plans.len(), errors, warnings)
            )?;
        }
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut *io.out, &records)?;
            writeln!(io.out)?;
        }
    }
    if !ws.failures.is_empty() {
        return Ok(Exit::Failure);
    }
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        return Ok(Exit::Findings);
    }
    Ok(Exit::Ok)
}

fn list(args: &CheckArgs, ctx: &Ctx, io: &mut Io<'_>) -> anyhow::Result<Exit> {
    match args.format {
        CheckFormat::Json => {
            let rows: Vec<_> = CHECKS
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "code": c.id,
                        "severity": c.severity,
                        "description": ctx.lang.pick(c.ru, c.en),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *io.out, &rows)?;
            writeln!(io.out)?;
        }
        CheckFormat::Human => {
            let width = CHECKS.iter().map(|c| c.id.len()).max().unwrap_or(0);
            for c in CHECKS {
                let sev = c.severity.label(ctx.lang);
                writeln!(
                    io.out,
                    "{:<width$}  {:<14}  {}",
                    c.id,
                    sev,
                    ctx.lang.pick(c.ru, c.en)
                )?;
            }
        }
    }
    Ok(Exit::Ok)
}
