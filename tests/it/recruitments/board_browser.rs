//! The pipeline board in a real browser, by keyboard alone: a focused card moves up its column
//! with ↑ and to the next stage with →, the board is redrawn from the server, and the focus stays
//! on the card that moved.

use fantoccini::{Client, Locator};

use super::*;
use crate::support::browser::{login, with_browser};

/// WebDriver's key codes for the arrows (the WebDriver spec's "normalised key values").
const ARROW_UP: &str = "\u{E013}";
const ARROW_RIGHT: &str = "\u{E014}";

/// The board as the page shows it: (stage, candidate ids in order) per column.
async fn shown(c: &Client) -> Vec<(String, Vec<i64>)> {
    let js = "return Array.from(document.querySelectorAll('#pipeline .board-list')).map(l => \
              [l.dataset.stage, Array.from(l.querySelectorAll('.board-card')).map(e => Number(e.dataset.candidate))])";
    serde_json::from_value(c.execute(js, vec![]).await.unwrap()).unwrap()
}

fn column(board: &[(String, Vec<i64>)], stage: &str) -> Vec<i64> {
    board
        .iter()
        .find(|(s, _)| s == stage)
        .map(|(_, ids)| ids.clone())
        .unwrap_or_default()
}

/// Waits until the page shows a board `ok` accepts; panics with the last one seen.
async fn board_when(c: &Client, ok: impl Fn(&[(String, Vec<i64>)]) -> bool) {
    let mut last = Vec::new();
    for _ in 0..100 {
        last = shown(c).await;
        if ok(&last) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the board never became right; last seen: {last:?}");
}

async fn focused(c: &Client) -> String {
    c.execute(
        "return document.activeElement && document.activeElement.id",
        vec![],
    )
    .await
    .unwrap()
    .as_str()
    .unwrap_or("")
    .to_string()
}

async fn press(c: &Client, candidate: i64, key: &str) {
    let card = c
        .find(Locator::Css(&format!("#candidate-{candidate}")))
        .await
        .unwrap();
    card.send_keys(key).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recruitment_moves_across_the_board_by_keyboard() {
    with_browser(async |app: &TestApp, c: &Client| {
        let customer = oslo_customer(app, "Regnskap Nord AS").await;
        let ola = app.login("ola@test.no").await;
        let (rid, path) = recruitment(app, &ola, customer, &percent_form(0)[..8]).await;
        let kari = worker(&ola, app, "Kari Nordmann", "candidate").await;
        let nils = worker(&ola, app, "Nils Nilsen", "candidate").await;
        for w in [kari, nils] {
            let (s, _) = post(
                &ola,
                app,
                &format!("{path}/candidates"),
                &[("worker_id", &w.to_string())],
            )
            .await;
            assert_eq!(s, 303);
        }
        let (ck, cn) = (
            candidate_of(app, rid, kari).await,
            candidate_of(app, rid, nils).await,
        );

        login(app, c, "ola@test.no").await;
        c.goto(&app.url(&path)).await.unwrap();
        board_when(c, |b| column(b, "new") == vec![ck, cn]).await;

        // ↑ on Nils: first in the column, on the page and on the server; the focus stays on Nils.
        press(c, cn, ARROW_UP).await;
        board_when(c, |b| column(b, "new") == vec![cn, ck]).await;
        assert_eq!(
            board(app, rid).await,
            vec![("new".into(), 0, nils), ("new".into(), 1, kari)]
        );
        assert_eq!(focused(c).await, format!("candidate-{cn}"));

        // → twice on Kari: screening, then interview.
        press(c, ck, ARROW_RIGHT).await;
        board_when(c, |b| column(b, "screening") == vec![ck]).await;
        assert_eq!(focused(c).await, format!("candidate-{ck}"));
        press(c, ck, ARROW_RIGHT).await;
        board_when(c, |b| {
            column(b, "interview") == vec![ck] && column(b, "screening").is_empty()
        })
        .await;
        assert_eq!(
            board(app, rid).await,
            vec![("interview".into(), 0, kari), ("new".into(), 0, nils)]
        );
    })
    .await;
}
