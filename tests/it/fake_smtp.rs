//! Not part of the test binary: `benches/dialog.rs` includes the fake SMTP server by this path
//! (`#[path = "../tests/it/fake_smtp.rs"]`). The fake lives in `support/fake_smtp.rs`; once the
//! bench points there, this file can go.

#[path = "support/fake_smtp.rs"]
mod imp;

pub use imp::*;
