//! The billing invariant as a property: over random sequences of runs, issues, credits (by line,
//! by amount, credit-and-rebill) and reopenings, every approved timesheet line is invoiced net
//! of its credits exactly once or not at all, it is marked billed exactly when it is invoiced,
//! and a credit by amount never makes hours billable.

use std::collections::{BTreeMap, BTreeSet};

use kundekort::{
    invoices::{
        credit::{self, AmountCredit},
        run::collect::{Scope, hours_milli},
    },
    money::vat,
};
use proptest::{
    prelude::*,
    strategy::ValueTree,
    test_runner::{Config as PropConfig, RngAlgorithm, TestRng, TestRunner},
};

use super::{TODAY, issue, kari, reopen, run, sum};
use crate::{
    db_test,
    support::{
        TestApp,
        fixtures::count,
        timesheets::{Setup, approve, days},
    },
};

#[derive(Clone, Debug)]
enum Op {
    Run,
    IssueDrafts,
    /// Credits the n-th issued invoice's k-th line not credited yet.
    CreditLine(usize, usize),
    CreditAmount(usize, i64),
    CreditAndRebill(usize),
    /// Reopens the n-th sheet (refused while billed) and approves it again with `days` days.
    Reopen(usize, u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Run),
        2 => Just(Op::IssueDrafts),
        2 => (0..3usize, 0..12usize).prop_map(|(n, k)| Op::CreditLine(n, k)),
        1 => (0..3usize, 1..50_000i64).prop_map(|(n, a)| Op::CreditAmount(n, a)),
        2 => (0..3usize).prop_map(Op::CreditAndRebill),
        2 => (0..2usize, 1..5u8).prop_map(|(n, d)| Op::Reopen(n, d)),
    ]
}

/// The billing state of a customer's approved timesheet lines: for each part, (approved amount,
/// invoiced − credited by line, billed now).
async fn ledger(app: &TestApp, assignment: i64) -> BTreeMap<String, (i64, i64, bool)> {
    let rows: Vec<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT l.id, l.normal_minutes, l.overtime_minutes, t.fixed_bill_rate_ore, \
         COALESCE(l.overtime_percent, 0) FROM timesheet_lines l \
         JOIN timesheets t ON t.id = l.timesheet_id \
         WHERE t.assignment_id = $1 AND t.status = 'approved'",
    )
    .bind(assignment)
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let billed: BTreeSet<String> =
        sqlx::query_as::<_, (String,)>("SELECT source_key FROM invoice_billing")
            .fetch_all(&app.db.pool)
            .await
            .unwrap()
            .into_iter()
            .map(|(k,)| k)
            .collect();
    let mut out = BTreeMap::new();
    for (id, normal, overtime, rate, percent) in rows {
        for (part, minutes, rate) in [
            ("normal", normal, rate),
            (
                "overtime",
                overtime,
                if percent == 50 { 67_500 } else { rate },
            ),
        ] {
            if minutes == 0 {
                continue;
            }
            let approved = vat::line_net(hours_milli(minutes), rate).unwrap();
            let pattern = if part == "normal" {
                "normal"
            } else {
                "overtime%"
            };
            let (invoiced,): (Option<i64>,) = sqlx::query_as(
                "SELECT CAST(SUM(l.line_net_ore) AS BIGINT) FROM invoice_lines l JOIN invoices i \
                 ON i.id = l.invoice_id WHERE i.kind = 'invoice' AND l.timesheet_line_id = $1 \
                 AND l.bill_part LIKE $2",
            )
            .bind(id)
            .bind(pattern)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
            let (credited,): (Option<i64>,) = sqlx::query_as(
                "SELECT CAST(SUM(c.line_net_ore) AS BIGINT) FROM invoice_lines c JOIN invoice_lines l \
                 ON l.id = c.credited_line_id WHERE l.timesheet_line_id = $1 \
                 AND l.bill_part LIKE $2",
            )
            .bind(id)
            .bind(pattern)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
            let net = invoiced.unwrap_or(0) + credited.unwrap_or(0);
            let key = format!("line:{id}:{part}");
            let is_billed = billed.contains(&key);
            out.insert(key, (approved, net, is_billed));
        }
    }
    out
}

fn check(ledger: &BTreeMap<String, (i64, i64, bool)>, after: &Op) {
    for (key, (approved, net, billed)) in ledger {
        assert!(
            *net == 0 || net == approved,
            "{key}: invoiced − credited {net}, approved {approved} after {after:?}"
        );
        assert_eq!(
            *billed,
            *net != 0,
            "{key}: billed {billed} but net {net} after {after:?}"
        );
    }
}

async fn invoices(app: &TestApp, customer: i64, status: &str) -> Vec<i64> {
    sqlx::query_as::<_, (i64,)>(
        "SELECT id FROM invoices WHERE customer_id = $1 AND kind = 'invoice' AND status = $2 \
         ORDER BY id",
    )
    .bind(customer)
    .bind(status)
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
    .into_iter()
    .map(|(id,)| id)
    .collect()
}

async fn apply(app: &TestApp, s: &Setup, sheets_: &[i64], op: &Op) {
    let c = s.customer;
    match op {
        Op::Run => {
            run(app, Scope::Customer(c)).await;
        }
        Op::IssueDrafts => {
            for id in invoices(app, c, "draft").await {
                issue(app, id).await;
            }
        }
        Op::CreditLine(n, k) => {
            let issued = invoices(app, c, "issued").await;
            let Some(&inv) = issued.get(n % issued.len().max(1)) else {
                return;
            };
            let open: Vec<(i64,)> = sqlx::query_as(
                "SELECT l.id FROM invoice_lines l WHERE l.invoice_id = $1 AND NOT EXISTS \
                 (SELECT 1 FROM invoice_lines c WHERE c.credited_line_id = l.id) ORDER BY l.id",
            )
            .bind(inv)
            .fetch_all(&app.db.pool)
            .await
            .unwrap();
            if let Some((line,)) = open.get(k % open.len().max(1)) {
                let mut tx = app.db.begin().await.unwrap();
                credit::credit_lines(&mut tx, inv, &[*line], "Feil", app.fx.admin, TODAY)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            }
        }
        Op::CreditAmount(n, amount) => {
            let issued = invoices(app, c, "issued").await;
            let Some(&inv) = issued.get(n % issued.len().max(1)) else {
                return;
            };
            let before = count(app, "SELECT COUNT(*) FROM invoice_billing").await;
            let mut tx = app.db.begin().await.unwrap();
            let r = credit::credit_amount(
                &mut tx,
                inv,
                &AmountCredit {
                    description: "Rabatt".into(),
                    vat_category: "S".into(),
                    vat_rate_bp: 2500,
                    exemption_reason: None,
                    amount_ore: *amount,
                },
                "Rabatt",
                app.fx.admin,
                TODAY,
            )
            .await;
            if r.is_ok() {
                tx.commit().await.unwrap();
            }
            // A credit by amount never makes hours billable.
            assert_eq!(
                count(app, "SELECT COUNT(*) FROM invoice_billing").await,
                before
            );
        }
        Op::CreditAndRebill(n) => {
            let issued = invoices(app, c, "issued").await;
            let Some(&inv) = issued.get(n % issued.len().max(1)) else {
                return;
            };
            let mut tx = app.db.begin().await.unwrap();
            if credit::credit_and_rebill(&mut tx, inv, "Rebill", app.fx.admin, TODAY)
                .await
                .is_ok()
            {
                tx.commit().await.unwrap();
            }
        }
        Op::Reopen(n, d) => {
            let sheet = sheets_[n % sheets_.len()];
            let billed = sum(
                app,
                "SELECT COUNT(*) FROM invoice_billing WHERE timesheet_id = $1",
                sheet,
            )
            .await;
            match reopen(app, sheet).await {
                Ok(_) => {
                    assert_eq!(billed, 0, "a billed sheet was reopened");
                    let first = if n % 2 == 0 { 7 } else { 14 };
                    approve(app, s, sheet, &days("2026-12-", first, *d, "17:30")).await;
                }
                Err(e) => {
                    assert!(billed > 0, "reopen refused without billing: {e:?}");
                }
            }
        }
    }
}

db_test!(the_billing_invariant_holds_over_random_sequences, |app| {
    let mut runner = TestRunner::new_with_rng(
        PropConfig::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let cases = proptest::collection::vec(op(), 4..10);
    for case in 0..16 {
        let ops = cases.new_tree(&mut runner).unwrap().current();
        let (s, ids) = kari(app).await;
        for op in &ops {
            apply(app, &s, &ids, op).await;
            check(&ledger(app, s.assignment).await, op);
        }
        // In the end, billed or not, a final run leaves nothing approved unbilled.
        run(app, Scope::Customer(s.customer)).await;
        let l = ledger(app, s.assignment).await;
        check(&l, &Op::Run);
        assert!(
            l.values().all(|(_, _, billed)| *billed),
            "case {case}: {ops:?}"
        );
    }
});
