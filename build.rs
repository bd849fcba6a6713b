//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` reads the
//! `migrations/` folders at compile time, and on stable Rust cargo cannot know it did, so a new
//! migration would otherwise stay out of the binary (and out of the tests) until some source
//! file changed too (sqlx's own advice, `sqlx migrate build-script`).
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
