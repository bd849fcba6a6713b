//! Assignments (oppdrag, customer card part 7): a worker hired out to a customer from one date
//! to another. The rules are pure and come first: the agreed working week ([`week`]), the live
//! margin in øre ([`margin`]) and the hiring law's compliance light ([`compliance`]).

pub mod compliance;
pub mod margin;
pub mod week;
