//! The dialog benchmark is written in the next commit; this keeps `cargo bench` building.
fn main() {
    println!("dialog benchmark: not written yet");
}
