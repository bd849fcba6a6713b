//! The customer list sorted by owner or by department (migration 0054, decision 0083): the
//! order follows the owner's and the department's current names as they are renamed and as
//! customers change hands, ties in name order, customers without one first.

use crate::{
    customer_list::{five, names},
    db_test,
    support::TestApp,
};

/// The customers in the order of their owner's (or department's) current name, read with a
/// join as the list read them before migration 0054: an oracle for the copies the customers
/// keep of those names.
async fn by_joined_name(app: &TestApp, joined: &str, descending: bool) -> Vec<String> {
    let dir = if descending { "DESC" } else { "ASC" };
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT c.name FROM customers c LEFT JOIN users u ON u.id = c.owner_id \
         LEFT JOIN departments d ON d.id = c.department_id \
         ORDER BY COALESCE({joined}.name, '') {dir}, c.sort_name {dir}, c.id {dir}"
    )))
    .fetch_all(&app.db.pool)
    .await
    .unwrap()
}

db_test!(
    sorted_by_owner_or_department_the_list_follows_their_names_as_they_change,
    |app| {
        five(app).await;
        let admin = app.admin().await;
        let check = async |expected: &[&str]| {
            for (sort, joined) in [("owner", "u"), ("department", "d")] {
                for descending in [false, true] {
                    let query = format!("sort={}{sort}", if descending { "-" } else { "" });
                    let (listed, _) = names(&admin, app, &query).await;
                    assert_eq!(
                        listed,
                        by_joined_name(app, joined, descending).await,
                        "{query}"
                    );
                }
            }
            let (listed, _) = names(&admin, app, "sort=owner").await;
            assert_eq!(listed, expected, "sort=owner");
        };
        // Berit Bergen, Lise Leder, Ola Oslo; each one's customers in name order.
        check(&[
            "Bergen Renhold AS",
            "Fjordbygg AS",
            "Ås Bygg og Anlegg AS",
            "Nordlys Elektro AS",
            "Ærlig Transport AS",
        ])
        .await;

        // Ola is renamed Anne.
        let res = admin
            .post(app.url(&format!("/admin/users/{}", app.fx.consultant_oslo)))
            .form(&[
                ("name", "Anne Oslo"),
                ("email", "ola@test.no"),
                ("role", "consultant"),
                ("department_id", &app.fx.oslo.to_string()),
                ("active", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        check(&[
            "Nordlys Elektro AS",
            "Ærlig Transport AS",
            "Bergen Renhold AS",
            "Fjordbygg AS",
            "Ås Bygg og Anlegg AS",
        ])
        .await;

        // Ås Bygg gets Anne as its owner.
        let (aas,): (i64,) =
            sqlx::query_as("SELECT id FROM customers WHERE name = 'Ås Bygg og Anlegg AS'")
                .fetch_one(&app.db.pool)
                .await
                .unwrap();
        let res = admin
            .patch(app.url(&format!("/api/v1/customers/{aas}")))
            .json(&serde_json::json!({"owner_id": app.fx.consultant_oslo}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        check(&[
            "Nordlys Elektro AS",
            "Ærlig Transport AS",
            "Ås Bygg og Anlegg AS",
            "Bergen Renhold AS",
            "Fjordbygg AS",
        ])
        .await;

        // The department Bergen becomes Vestland, after Oslo.
        let res = admin
            .post(app.url(&format!("/admin/departments/{}", app.fx.bergen)))
            .form(&[("name", "Vestland")])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 303);
        let (by_department, _) = names(&admin, app, "sort=-department").await;
        assert_eq!(
            by_department[..2],
            ["Fjordbygg AS", "Bergen Renhold AS"],
            "sort=-department"
        );

        // A customer without an owner or a department comes first (and last, descending).
        app.customer(crate::support::fixtures::draft("Øst Ueid AS"))
            .await;
        check(&[
            "Øst Ueid AS",
            "Nordlys Elektro AS",
            "Ærlig Transport AS",
            "Ås Bygg og Anlegg AS",
            "Bergen Renhold AS",
            "Fjordbygg AS",
        ])
        .await;
        let (by_department, _) = names(&admin, app, "sort=-department").await;
        assert_eq!(
            by_department.last().map(String::as_str),
            Some("Øst Ueid AS")
        );
    }
);
