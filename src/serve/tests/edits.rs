//! The edit forms: every verb, refusals, the CSRF token, versions, --commit.

use axum::http::StatusCode;

use super::{ITEM, Options, SEED, encode, fixture_with, git, seed};

/// An item, a verb, its fields, and what the file must then hold.
type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str)>, &'a [&'a str]);

/// The text of the plan file after each verb, the comments kept, and the page the browser is
/// sent to.
#[test]
fn every_verb_edits_the_file_through_the_edit_path() {
    let f = seed();
    let file = "plans/mosalsk-2026.toml";
    let cases: [Case<'_>; 10] = [
        ("1.4", "start", vec![], &["status = \"in_progress\""]),
        (
            "1.4",
            "done",
            vec![
                ("result", "Банк сформирован: 14 программ"),
                ("date", "2026-09-28"),
            ],
            &[
                "status = \"done\"",
                "result = \"Банк сформирован: 14 программ\"",
                "done_on = 2026-09-28",
            ],
        ),
        (
            "1.3",
            "partly",
            vec![("result", "Итоги подведены по 3 школам из 5"), ("date", "")],
            &[
                "status = \"partly_done\"",
                "result = \"Итоги подведены по 3 школам из 5\"",
                "done_on = 2026-10-01",
            ],
        ),
        (
            "1.8",
            "progress",
            vec![("text", "3 публикации"), ("date", "28.01.2026")],
            &["2026-01-28", "3 публикации"],
        ),
        (
            "2.3",
            "postpone",
            vec![
                ("deadline", "Январь 2027г."),
                ("reason", "Конкурс перенесён"),
            ],
            &[
                "status = \"postponed\"",
                "postponed_to = \"Январь 2027г.\"",
                "reason = \"Конкурс перенесён\"",
            ],
        ),
        (
            "2.4",
            "cancel",
            vec![("reason", "Этап не проводился")],
            &["status = \"cancelled\"", "reason = \"Этап не проводился\""],
        ),
        (
            "1.2",
            "progress",
            vec![
                ("text", "Новости за май"),
                ("date", "2026-06-03"),
                ("period", "май"),
            ],
            &["2026-06-03", "Новости за май", "period = \"2026-05\""],
        ),
        (
            "1.8",
            "note",
            vec![("text", "Отпуск методиста"), ("period", "2026-07")],
            &["period = \"2026-07\"", "reason = \"Отпуск методиста\""],
        ),
        (
            "1.5",
            "note",
            vec![("text", "Ждём данных от школ"), ("period", "")],
            &["reason = \"Ждём данных от школ\""],
        ),
        ("1.4", "reopen", vec![], &[]),
    ];
    for (number, verb, fields, wanted) in cases {
        let item = format!("/plan/mosalsk-2026/item/{number}");
        let version = f.version(&item);
        let mut all = vec![("version", version.as_str())];
        all.extend(fields);
        let r = f.post(&format!("{item}/{verb}"), &all);
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{verb}: {}", r.body);
        assert!(
            r.location().starts_with("/plan/mosalsk-2026?saved=")
                && r.location().ends_with(&format!("#i-{number}")),
            "{}",
            r.location()
        );
        let text = f.read(file);
        for w in wanted {
            assert!(text.contains(w), "{verb}: {w} not in the file");
        }
        // the comments of the file are all there
        assert!(text.contains("# Перенесён из Word"));
        assert!(text.contains("# В Word-копии текст пункта разорван разрывом страницы"));
        // the page the browser goes to says what was written
        let page = f.get(r.location());
        assert!(page.body.contains("Записано: "), "{verb}");
    }
    // reopen took 1.4 back to planned
    let text = f.read(file);
    let at = text.find("number = \"1.4\"").unwrap_or(0);
    let end = text[at..]
        .find("[[section.item]]")
        .map_or(text.len(), |e| at + e);
    let item = &text[at..end];
    assert!(!item.contains("status"), "{item}");
    // the plan's page shows what was done
    let page = f.get("/plan/mosalsk-2026").body;
    assert!(page.contains("class=\"st st-partly_done\">выполнено частично</span>"));
    assert!(page.contains("class=\"st st-cancelled\">отменено</span>"));
}

#[test]
fn done_shows_done_on_the_plans_page() {
    let f = seed();
    let version = f.version(ITEM);
    let r = f.post(
        &format!("{ITEM}/done"),
        &[
            ("version", &version),
            ("result", "Банк сформирован"),
            ("date", ""),
        ],
    );
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = f.get(r.location()).body;
    assert!(
        page.contains("Записано: 1.4 «Формирование банка данных программ.» — выполнено 01.10.2026")
    );
    assert!(page.contains("id=\"i-1.4\" class=\"row-done\""));
    assert!(page.contains("Банк сформирован"));
}

#[test]
fn a_refused_edit_says_why_beside_the_form_keeps_what_was_typed_and_leaves_the_file() {
    let f = seed();
    let file = "plans/mosalsk-2026.toml";
    let before = f.read(file);
    let version = f.version(ITEM);
    // a deadline moc does not understand: the CLI's message
    let r = f.post(
        &format!("{ITEM}/postpone"),
        &[
            ("version", &version),
            ("deadline", "когда-нибудь"),
            ("reason", "Нет <программ> & сроков"),
        ],
    );
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("ошибка: новый срок «когда-нибудь» не понят"),
        "{}",
        r.body
    );
    // what was typed is kept (and escaped)
    assert!(r.body.contains("value=\"когда-нибудь\""));
    assert!(
        r.body
            .contains("Нет &lt;программ&gt; &amp; сроков</textarea>")
    );
    assert!(
        r.body
            .contains("<details class=\"form\" id=\"form-postpone\" open>")
    );
    assert_eq!(f.read(file), before);

    // an edit that would leave the plan with a new error: refused as by `moc done`
    let r = f.post(
        &format!("{ITEM}/done"),
        &[("version", &version), ("date", "2027-03-01")],
    );
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains(
            "правка отменена: план не прошёл бы проверку (moc check plans/mosalsk-2026.toml)"
        ),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"2027-03-01\""));
    assert_eq!(f.read(file), before);

    // a period not understood: the message and its hint, as `moc note --for`
    let r = f.post(
        &format!("{ITEM}/note"),
        &[
            ("version", &version),
            ("text", "Отпуск"),
            ("period", "когда-то"),
        ],
    );
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("ошибка: период «когда-то» не понят"),
        "{}",
        r.body
    );
    assert!(r.body.contains("подсказка: пишите месяц"));
    assert_eq!(f.read(file), before);

    // a field left empty, a date not understood
    let r = f.post(
        &format!("{ITEM}/cancel"),
        &[("version", &version), ("reason", " ")],
    );
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("заполните поле «Причина»"));
    let r = f.post(
        &format!("{ITEM}/done"),
        &[("version", &version), ("date", "32.13.2026")],
    );
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("нужна дата вида 2026-10-01 или 01.10.2026"));
    assert_eq!(f.read(file), before);
}

#[test]
fn a_form_without_the_right_csrf_token_changes_nothing() {
    let f = seed();
    let file = "plans/mosalsk-2026.toml";
    let before = f.read(file);
    let version = f.version(ITEM);
    let uri = format!("{ITEM}/done");
    let cookie = f.csrf_cookie();
    let good = f.app.csrf.clone();
    let cases = [
        // no token in the form
        (encode(&[("version", &version)]), Some(cookie.as_str())),
        // a wrong one
        (
            encode(&[("csrf", "0".repeat(32).as_str()), ("version", &version)]),
            Some(cookie.as_str()),
        ),
        // the right one without its cookie
        (
            encode(&[("csrf", good.as_str()), ("version", &version)]),
            None,
        ),
    ];
    for (body, cookie) in cases {
        let r = f.post_raw(&uri, &body, cookie, &[]);
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{body}");
        assert!(r.body.contains("ничего не изменено"));
    }
    // a body that is not a form at all
    let r = f.post_raw(&uri, "{\"csrf\":1}", Some(&cookie), &[]);
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // a post from another site (the browser says so) is stopped before any handler
    let body = encode(&[("csrf", good.as_str()), ("version", &version)]);
    let r = f.post_raw(
        &uri,
        &body,
        Some(&cookie),
        &[("sec-fetch-site", "cross-site")],
    );
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(f.read(file), before);
}

#[test]
fn a_stale_version_is_a_conflict_with_the_current_state() {
    let f = seed();
    let file = "plans/mosalsk-2026.toml";
    let version = f.version(ITEM);
    // someone edits the file in an editor after the page was opened
    let edited = f.read(file).replace(
        "Формирование банка данных программ.",
        "Формирование банка данных программ ДОД.",
    );
    std::fs::write(f.path(file), &edited).unwrap_or_else(|e| panic!("{e}"));
    let r = f.post(
        &format!("{ITEM}/done"),
        &[("version", &version), ("result", "Готово")],
    );
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body
            .contains("план изменился с тех пор, как страница была открыта")
    );
    // the page shows the plan as it is now, and what was typed
    assert!(r.body.contains("Формирование банка данных программ ДОД."));
    assert!(r.body.contains(">Готово</textarea>"));
    assert_eq!(f.read(file), edited);

    // two browsers: the second, with the page of before the first's edit, loses nothing
    let v = f.version(ITEM);
    let first = f.post(&format!("{ITEM}/start"), &[("version", &v)]);
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let after_first = f.read(file);
    let second = f.post(
        &format!("{ITEM}/cancel"),
        &[("version", &v), ("reason", "не нужно")],
    );
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(f.read(file), after_first);
    // and a form without a version is not taken blind
    let r = f.post(&format!("{ITEM}/start"), &[]);
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("в форме нет версии файла"));
}

#[test]
fn bodies_over_the_limit_are_refused() {
    let f = seed();
    let big = format!("csrf={}&result={}", f.app.csrf, "x".repeat(100_000));
    let r = f.post_raw(&format!("{ITEM}/done"), &big, Some(&f.csrf_cookie()), &[]);
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[test]
fn with_commit_each_edit_is_a_git_commit_and_the_history_shows_it() {
    let f = fixture_with(
        &[("plans/mosalsk-2026.toml", SEED)],
        Options {
            commit: true,
            ..Options::default()
        },
    );
    let v = f.version(ITEM);
    let r = f.post(
        &format!("{ITEM}/done"),
        &[("version", &v), ("result", "Банк сформирован")],
    );
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let log = git(f.dir.path(), &["log", "-1", "--format=%s|%an|%ae"]);
    assert_eq!(log.trim(), "1.4: выполнено|Методист|metodist@example.ru");
    // the file went into the commit (the lock beside it is not a plan: .gitignore takes it)
    let status = git(
        f.dir.path(),
        &["status", "--porcelain", "--", "plans/mosalsk-2026.toml"],
    );
    assert_eq!(status.trim(), "");
    let page = f.get(r.location()).body;
    assert!(page.contains("(коммит "), "{page}");
    // the item's history is the commits' (moc log)
    let item = f.get(ITEM).body;
    assert!(item.contains("Методист"), "{item}");
    assert!(item.contains("выполнено"), "{item}");
    let v = f.version(ITEM);
    let r = f.post(
        &format!("{ITEM}/postpone"),
        &[
            ("version", &v),
            ("deadline", "Январь 2027г."),
            ("reason", "Нет данных"),
        ],
    );
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let log = git(f.dir.path(), &["log", "-1", "--format=%s"]);
    assert_eq!(log.trim(), "1.4: перенесено на «Январь 2027г.»");
}

#[test]
fn form_bodies_are_decoded_as_browsers_encode_them() {
    let f = crate::serve::forms::Fields::parse(
        b"result=%D0%91%D0%B0%D0%BD%D0%BA+%3Cb%3E+100%25&date=&x&result2=a%2&text=1%0D%0A2",
    );
    assert_eq!(f.get("result"), Some("Банк <b> 100%"));
    assert_eq!(f.get("date"), Some(""));
    assert_eq!(f.get("x"), Some(""));
    assert_eq!(f.get("result2"), Some("a%2"));
    assert_eq!(f.get("text"), Some("1\n2"));
}

#[test]
fn a_number_repeated_in_two_sections_is_told_apart_by_its_section() {
    let text = SEED.replace("number = \"2.1\"", "number = \"1.1\"");
    let f = super::fixture(&[("plans/mosalsk-2026.toml", &text)]);
    let plan = f.get("/plan/mosalsk-2026").body;
    assert!(plan.contains("href=\"/plan/mosalsk-2026/item/1.1?section=1\""));
    assert!(plan.contains("href=\"/plan/mosalsk-2026/item/1.1?section=2\""));
    let item = "/plan/mosalsk-2026/item/1.1?section=2";
    let page = f.get(item).body;
    assert!(page.contains("Повышение квалификации специалистов МОЦ"));
    assert!(page.contains("action=\"/plan/mosalsk-2026/item/1.1/done?section=2\""));
    let version = f.version(item);
    let r = f.post(
        "/plan/mosalsk-2026/item/1.1/done?section=2",
        &[("version", &version), ("result", "Курсы пройдены")],
    );
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().ends_with("#i-2-1.1"), "{}", r.location());
    let after = f.read("plans/mosalsk-2026.toml");
    let second = after.find("Повышение квалификации").unwrap_or(0);
    assert!(after[second..].contains("result = \"Курсы пройдены\""));
    assert!(!after[..second].contains("Курсы пройдены"));
    // without its section the number names no one item
    assert_eq!(
        f.get("/plan/mosalsk-2026/item/1.1").status,
        StatusCode::NOT_FOUND
    );
}
