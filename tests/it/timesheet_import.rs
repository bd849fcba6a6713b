//! Hours imported from a time-clock file (`/timesheets/import`): a good file previewed and
//! imported with the hours computed on the sheet; bad lines named by number with nothing
//! written; a submitted week refused; another department's worker refused; separators,
//! encodings and a byte-order mark; a file changed between preview and import.

use kundekort::timesheets::store::{self, Actor, By, Via};
use reqwest::multipart::{Form, Part};

use crate::{
    db_test,
    support::{
        TestApp,
        timesheets::{Setup, setup, version, week_53},
    },
};

/// Kari gets employee number V100.
async fn kari(app: &TestApp) -> Setup {
    let s = setup(app, false).await;
    sqlx::query("UPDATE workers SET employee_number = 'V100' WHERE id = $1")
        .bind(s.worker)
        .execute(&app.db.pool)
        .await
        .unwrap();
    s
}

async fn preview(client: &reqwest::Client, app: &TestApp, bytes: &[u8]) -> (u16, String) {
    let form = Form::new().part(
        "file",
        Part::bytes(bytes.to_vec())
            .file_name("timer.csv")
            .mime_str("text/csv")
            .unwrap(),
    );
    let res = client
        .post(app.url("/timesheets/import/preview"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// A hidden field's value in a page.
fn hidden(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no {name}: {page}"));
    let rest = &page[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()]
        .replace("&#x2f;", "/")
        .replace("&#47;", "/")
        .replace("&#x2b;", "+")
        .replace("&#61;", "=")
        .replace("&#x3d;", "=")
        .replace("&amp;", "&")
}

async fn import(client: &reqwest::Client, app: &TestApp, page: &str) -> (u16, String) {
    let form = [
        ("file_name", "timer.csv".to_string()),
        ("content", hidden(page, "content")),
        ("sha256", hidden(page, "sha256")),
    ];
    let res = client
        .post(app.url("/timesheets/import"))
        .form(&form)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// The row of line `n` in the preview.
fn row(page: &str, n: u64) -> &str {
    let at = page
        .find(&format!("id=\"import-line-{n}\""))
        .unwrap_or_else(|| panic!("no line {n}: {page}"));
    let rest = &page[at..];
    &rest[..rest.find("</tr>").unwrap()]
}

async fn sheet_count(app: &TestApp, s: &Setup) -> usize {
    store::for_assignment(&app.db, s.assignment)
        .await
        .unwrap()
        .len()
}

db_test!(
    a_good_file_is_previewed_and_imported_with_hours_computed,
    |app| {
        let s = kari(app).await;
        let ola = app.login("ola@test.no").await;
        let file = "Ansattnr;Dato;Start;Slutt;Pause;Kommentar\r\n\
                V100;07.12.2026;07:00;17:00;30;Støp\r\n\
                V100;08.12.2026;07:30;15:30;30;\r\n";
        let (status, page) = preview(&ola, app, file.as_bytes()).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Alle 2 linjene er i orden."), "{page}");
        assert!(
            row(&page, 2).contains("Kari Nordmann") && row(&page, 2).contains("9,5"),
            "{page}"
        );
        assert!(row(&page, 3).contains("OK"), "{page}");
        assert_eq!(sheet_count(app, &s).await, 0, "the preview writes nothing");

        let (status, body) = import(&ola, app, &page).await;
        assert_eq!(status, 303, "{body}");
        let sheets = store::for_assignment(&app.db, s.assignment).await.unwrap();
        let week = sheets
            .iter()
            .find(|x| x.period_start == "2026-12-07")
            .expect("the week's sheet made");
        let d = store::detail(&app.db, week.id).await.unwrap().unwrap();
        // Monday and Tuesday from the file, Wednesday to Friday as planned: 9.5 + 4 × 7.5 hours,
        // the 2 hours beyond Monday's agreed 7.5 as overtime.
        assert_eq!(d.lines.len(), 5);
        assert_eq!(
            (d.lines[0].start_minute, d.lines[0].end_minute),
            (420, 1020)
        );
        assert_eq!(d.lines[0].comment.as_deref(), Some("Støp"));
        assert_eq!(d.sheet.worked_minutes, 2370);
        assert_eq!(d.sheet.overtime_minutes, 120);
        assert_eq!(d.sheet.pay_ore, 937_500 + 75_000);
        let actions: Vec<(&str, &str)> = d
            .events
            .iter()
            .map(|e| (e.action.as_str(), e.actor.as_str()))
            .collect();
        assert_eq!(actions, [("saved", "staff")]);
        let (history,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'timesheet' AND entity_id = $1",
        )
        .bind(week.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
        assert_eq!(history, 1, "audited like a staff entry");

        // The page says what was written, and the sheet shows the hours.
        let done = ola
            .get(app.url("/timesheets/import?lines=2&sheets=1"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            done.contains("2 linjer er importert til 1 timeliste."),
            "{done}"
        );
        let sheet_page = ola
            .get(app.url(&format!(
                "/customers/{}/assignments/{}/timesheets/{}",
                s.customer, s.assignment, week.id
            )))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(sheet_page.contains("39,5"), "{sheet_page}");

        // The same file again replaces the days, it does not add to them.
        let (_, page) = preview(&ola, app, file.as_bytes()).await;
        let (status, _) = import(&ola, app, &page).await;
        assert_eq!(status, 303);
        let d = store::detail(&app.db, week.id).await.unwrap().unwrap();
        assert_eq!((d.lines.len(), d.sheet.worked_minutes), (5, 2370));
    }
);

db_test!(
    bad_lines_are_named_by_number_and_nothing_is_written,
    |app| {
        let s = kari(app).await;
        let ola = app.login("ola@test.no").await;
        let file = "ansattnr;dato;start;slutt;pause\n\
                V100;07.12.2026;07:30;15:30;30\n\
                V999;08.12.2026;07:30;15:30;30\n\
                V100;09.12.2026;25:00;15:30;30\n\
                V100;07.12.2026;08:00;12:00;\n";
        let (status, page) = preview(&ola, app, file.as_bytes()).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("3 linjer har feil."), "{page}");
        assert!(row(&page, 2).contains("OK"), "{page}");
        assert!(
            row(&page, 3).contains("Ingen vikar har ansattnummer V999."),
            "{page}"
        );
        assert!(
            row(&page, 4).contains("Skriv starttiden som TT:MM"),
            "{page}"
        );
        assert!(row(&page, 5).contains("Overlapper linje 2"), "{page}");
        assert!(
            !page.contains("id=\"import-form\""),
            "no import while lines are bad"
        );
        assert_eq!(sheet_count(app, &s).await, 0);

        // Posting it anyway (the same text, its own hash): refused with the same messages.
        let text = base64_of(file);
        let res = ola
            .post(app.url("/timesheets/import"))
            .form(&[
                ("content", text.clone()),
                ("sha256", sha256_of(file)),
                ("file_name", "timer.csv".into()),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(row(&body, 3).contains("V999"), "{body}");
        assert_eq!(sheet_count(app, &s).await, 0, "nothing written");

        // A file changed between preview and import is not imported either.
        let res = ola
            .post(app.url("/timesheets/import"))
            .form(&[("content", text), ("sha256", "0".repeat(64))])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("Filen er ikke den som ble forhåndsvist")
        );
        assert_eq!(sheet_count(app, &s).await, 0);
    }
);

db_test!(
    a_submitted_week_and_another_departments_worker_are_refused,
    |app| {
        let s = kari(app).await;
        let (dec, _) = week_53(app, &s).await;
        let mut tx = app.db.begin().await.unwrap();
        let by = By::new(Actor::Worker(s.worker), Via::Page);
        store::submit(&mut tx, dec, version(app, dec).await, &by)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let before = store::detail(&app.db, dec).await.unwrap().unwrap();

        let file = "ansattnr;dato;start;slutt\nV100;29.12.2026;07:00;15:00\n";
        let ola = app.login("ola@test.no").await;
        let (_, page) = preview(&ola, app, file.as_bytes()).await;
        assert!(
            row(&page, 2).contains("Timelisten for uke 53 er sendt inn og kan ikke endres."),
            "{page}"
        );
        // Berit (Bergen) may not change the Oslo customer's sheets.
        let berit = app.login("berit@test.no").await;
        let file = "ansattnr;dato;start;slutt\nV100;07.12.2026;07:00;15:00\n";
        let (_, page) = preview(&berit, app, file.as_bytes()).await;
        assert!(
            row(&page, 2).contains("Oppdraget er hos en kunde du ikke kan endre."),
            "{page}"
        );
        let res = berit
            .post(app.url("/timesheets/import"))
            .form(&[("content", base64_of(file)), ("sha256", sha256_of(file))])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let after = store::detail(&app.db, dec).await.unwrap().unwrap();
        assert_eq!(after.sheet.version, before.sheet.version);
        assert_eq!(sheet_count(app, &s).await, 2, "no sheet made for week 50");
    }
);

db_test!(
    commas_a_byte_order_mark_ids_and_a_night_shift_are_read,
    |app| {
        let s = kari(app).await;
        let ola = app.login("ola@test.no").await;
        let file = format!(
            "\u{feff}worker_id,assignment_id,date,start,end,break,comment\n\
         {w},{a},2026-12-09,22:00,06:00,30,\"Natt, kum\"\n",
            w = s.worker,
            a = s.assignment
        );
        let (status, page) = preview(&ola, app, file.as_bytes()).await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Linjen er i orden."), "{page}");
        let (status, _) = import(&ola, app, &page).await;
        assert_eq!(status, 303);
        let week = store::for_assignment(&app.db, s.assignment)
            .await
            .unwrap()
            .into_iter()
            .find(|x| x.period_start == "2026-12-07")
            .unwrap();
        let d = store::detail(&app.db, week.id).await.unwrap().unwrap();
        let night = d
            .lines
            .iter()
            .find(|l| l.work_date == "2026-12-09")
            .unwrap();
        assert_eq!(
            (night.worked_minutes, night.comment.as_deref()),
            (450, Some("Natt, kum"))
        );

        // Not UTF-8 (Latin-1 from an old export): said plainly, in English too.
        let (status, page) = preview(
            &ola,
            app,
            b"ansattnr;dato;start;slutt\nV100;09.12.2026;07:00;15:00;\xd8st\n",
        )
        .await;
        assert_eq!(status, 422);
        assert!(page.contains("Filen er ikke lagret som UTF-8"), "{page}");
        // A missing column and another assignment's number.
        let (_, page) = preview(&ola, app, b"ansattnr;dato;start\nV100;09.12.2026;07:00\n").await;
        assert!(page.contains("Kolonnen «slutt» mangler"), "{page}");
        let file = format!(
            "ansattnr;oppdrag;dato;start;slutt\nV100;{};09.12.2026;07:00;15:00\n",
            s.assignment + 1000
        );
        let (_, page) = preview(&ola, app, file.as_bytes()).await;
        assert!(
            row(&page, 2).contains(&format!(
                "Oppdrag {} er ikke denne vikarens oppdrag denne dagen.",
                s.assignment + 1000
            )),
            "{page}"
        );
        // Before the assignment began: no assignment that day.
        let (_, page) = preview(
            &ola,
            app,
            b"ansattnr;dato;start;slutt\nV100;20.11.2026;07:00;15:00\n",
        )
        .await;
        assert!(
            row(&page, 2).contains("Vikaren har ikke noe oppdrag denne dagen."),
            "{page}"
        );
    }
);

fn base64_of(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
}

fn sha256_of(text: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(text.as_bytes()))
}
